#!/usr/bin/env python3
"""Checks that no sea link of a dataset is drawn across land.

The land is the countries of the world-atlas outlines the web map draws
(web/node_modules/world-atlas/countries-50m.json, Natural Earth 1:50m; rings over the
antimeridian continued east of 180 as the map does). Every sea link's
line (its links.csv `geometry`, or the straight line between its nodes when it has none)
is sampled every ~2 km along the straight segments as the map draws them (Web Mercator);
the samples that fall on land, further than END_KM from the link's end nodes (ports sit
on the coast, their coordinates are the city's), add up to the link's length over land.
Canals that the 1:50m outlines do not cut (Suez) are corridors where land is allowed.

A link fails when its length over land exceeds --tolerance-km (default 5 km: the
1:50m coast is generalised by a few km, and narrow straits such as the Bosporus are
drawn only a few km wide). Prints one line per failing link and a summary; exit code 0
when all pass, 1 when any fails, 2 for bad usage or unreadable files.

  check_sea_lanes.py --dataset data/china-russia-2022 \
      --atlas web/node_modules/world-atlas/countries-50m.json
"""
import argparse
import csv
import json
import math
import os
import sys

END_KM = 40.0
STEP_KM = 2.0
# (name, lon0, lat0, lon1, lat1, half-width km): canals across land in the outlines.
CANALS = [("Suez Canal", 32.30, 31.30, 32.56, 29.90, 12.0)]


def decode_topology(topo, name):
    """Rings (lists of (lon, lat)) of a TopoJSON object, outer rings and holes alike."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices):
        out = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    rings = []
    obj = topo["objects"][name]
    geoms = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
    for g in geoms:
        if g.get("id") == "010":  # Antarctica, left out of the map
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"] if g["type"] == "MultiPolygon" else []
        for poly in polys:
            for r in poly:
                rings.append(ring(r))
    return rings


class Land:
    """Even-odd point-in-polygon over all rings, edges bucketed by 1-degree latitude band."""

    def __init__(self, rings):
        self.rings = []
        for pts in rings:
            lons = [p[0] for p in pts]
            if max(lons) - min(lons) > 180:  # a ring over the antimeridian: continue east of 180
                pts = [(lo + 360 if lo < 0 else lo, la) for lo, la in pts]
            lo0, lo1 = min(p[0] for p in pts), max(p[0] for p in pts)
            la0, la1 = min(p[1] for p in pts), max(p[1] for p in pts)
            buckets = {}
            for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
                if y1 == y2:
                    continue
                for b in range(math.floor(min(y1, y2)), math.floor(max(y1, y2)) + 1):
                    buckets.setdefault(b, []).append((x1, y1, x2, y2))
            self.rings.append((lo0, lo1, la0, la1, buckets))
        self.cells = {}  # 1-degree cell -> rings whose bounding box meets it
        for ring in self.rings:
            lo0, lo1, la0, la1, _ = ring
            for x in range(math.floor(lo0), math.floor(lo1) + 1):
                for y in range(math.floor(la0), math.floor(la1) + 1):
                    self.cells.setdefault((x, y), []).append(ring)

    def contains(self, lon, lat):
        inside = False
        for lon_try in (lon, lon + 360, lon - 360):
            for lo0, lo1, la0, la1, buckets in self.cells.get((math.floor(lon_try), math.floor(lat)), ()):
                if not (lo0 <= lon_try <= lo1 and la0 <= lat <= la1):
                    continue
                crossings = 0
                for x1, y1, x2, y2 in buckets.get(math.floor(lat), ()):
                    if (y1 > lat) != (y2 > lat):
                        x = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
                        if x > lon_try:
                            crossings += 1
                if crossings % 2:
                    inside = not inside
        return inside


def gc_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[1], a[0], b[1], b[0]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def merc_y(lat):
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def inv_merc_y(y):
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def unwrap(points):
    out = [points[0]]
    for lon, lat in points[1:]:
        while lon - out[-1][0] > 180:
            lon -= 360
        while lon - out[-1][0] < -180:
            lon += 360
        out.append((lon, lat))
    return out


def samples(points):
    """(lon, lat, km) samples along the line as the map draws it (straight in Mercator)."""
    for a, b in zip(points, points[1:]):
        km = gc_km(a, b)
        n = max(1, math.ceil(km / STEP_KM))
        ya, yb = merc_y(a[1]), merc_y(b[1])
        for i in range(n):
            t = (i + 0.5) / n
            yield a[0] + t * (b[0] - a[0]), inv_merc_y(ya + t * (yb - ya)), km / n


def in_canal(lon, lat):
    for _, lo0, la0, lo1, la1, w in CANALS:
        # distance to the canal's axis (flat approximation, fine at this scale)
        kx = 111.32 * math.cos(math.radians((la0 + la1) / 2))
        ax, ay, bx, by, px, py = lo0 * kx, la0 * 110.57, lo1 * kx, la1 * 110.57, lon * kx, lat * 110.57
        t = max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
        if math.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay)) <= w:
            return True
    return False


def parse_wkt(text):
    body = text.strip()
    head = "LINESTRING"
    if not body.upper().startswith(head):
        raise ValueError(f"not a LINESTRING: {text[:30]}")
    body = body[len(head):].strip().lstrip("(").rstrip(")")
    return [tuple(float(v) for v in p.split()) for p in body.split(",")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--atlas", required=True)
    ap.add_argument("--tolerance-km", type=float, default=5.0)
    ap.add_argument("--verbose", action="store_true", help="print every sea link's land km and land runs")
    ap.add_argument("--only", action="append", default=[], help="check only this link id (repeatable)")
    args = ap.parse_args()
    try:
        with open(args.atlas, encoding="utf-8") as f:
            land = Land(decode_topology(json.load(f), "countries"))
        with open(os.path.join(args.dataset, "nodes.csv"), encoding="utf-8") as f:
            nodes = {r["id"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(f)}
        with open(os.path.join(args.dataset, "links.csv"), encoding="utf-8") as f:
            links = [r for r in csv.DictReader(f) if r["mode"] == "sea" and (not args.only or r["id"] in args.only)]
    except (OSError, ValueError, KeyError) as e:
        print(f"check_sea_lanes: {e}", file=sys.stderr)
        return 2
    failed = shaped = 0
    worst = (0.0, "")
    for r in links:
        a, b = nodes[r["from"]], nodes[r["to"]]
        wkt = (r.get("geometry") or "").strip()
        pts = unwrap(parse_wkt(wkt) if wkt else [a, b])
        shaped += bool(wkt)
        over = 0.0
        where = None
        runs = []
        for lon, lat, km in samples(pts):
            if min(gc_km((lon, lat), a), gc_km((lon, lat), b)) <= END_KM or in_canal(lon, lat):
                continue
            if land.contains(lon, lat):
                over += km
                where = where or (lon, lat)
                if runs and runs[-1][2] == len(runs) and gc_km(runs[-1][1], (lon, lat)) < 3 * STEP_KM:
                    runs[-1][1] = (lon, lat)
                    runs[-1][3] += km
                else:
                    runs.append([(lon, lat), (lon, lat), len(runs) + 1, km])
        if args.verbose:
            for r0, r1, _, km in runs:
                print(f"  land {km:.0f} km from {r0[0]:.2f} {r0[1]:.2f} to {r1[0]:.2f} {r1[1]:.2f}")
        worst = max(worst, (over, r["id"]))
        if args.verbose:
            print(f"{r['id']}: {over:.1f} km over land")
        if over > args.tolerance_km:
            failed += 1
            print(f"{r['id']}: {over:.0f} km over land (first at {where[0]:.2f} {where[1]:.2f}), "
                  f"tolerance {args.tolerance_km:g} km")
    print(f"{len(links)} sea links ({shaped} with a geometry), {failed} over land by more than "
          f"{args.tolerance_km:g} km; most: {worst[1]} {worst[0]:.1f} km")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
