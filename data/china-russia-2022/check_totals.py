#!/usr/bin/env python3
"""Check that demand.csv reproduces the 2022 China-Russia trade totals (GACC).

value of a demand row = tonnes_per_year x value_usd_per_t of its commodity.
Direction = country of the origin node: RU -> CN (China's imports from Russia) or
CN -> RU (China's exports to Russia).  Transit countries (KZ, MN) must not originate trade.
Exits 1 if a total is off by more than 1 %.  Python 3 standard library only.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET_BN = {"RU->CN": 114.15, "CN->RU": 76.12, "total": 190.27}  # https://en.vestikavkaza.ru/material/158684
TOLERANCE = 0.01


def rows(name):
    with open(os.path.join(HERE, name), newline="", encoding="utf-8-sig") as f:
        return [r for r in csv.DictReader(line for line in f if line.strip() and not line.startswith("#"))]


def main():
    country = {r["id"]: r["country"] for r in rows("nodes.csv")}
    density = {r["id"]: float(r["value_usd_per_t"]) for r in rows("commodities.csv")}
    # Background commodities (traffic of third countries sharing the capacities) are not trade.
    background = {r["id"] for r in rows("commodities.csv") if r.get("background", "").lower() == "true"}
    value = {"RU->CN": 0.0, "CN->RU": 0.0}
    tonnes = {"RU->CN": 0.0, "CN->RU": 0.0}
    errors = []
    for i, r in enumerate(rows("demand.csv"), start=2):
        if r["commodity"] in background:
            continue
        o, d = country.get(r["origin"]), country.get(r["destination"])
        key = f"{o}->{d}"
        if key not in value:
            errors.append(f"demand.csv row {i}: origin {r['origin']} ({o}) -> {r['destination']} ({d}) is not RU->CN or CN->RU")
            continue
        t = float(r["tonnes_per_year"])
        value[key] += t * density[r["commodity"]]
        tonnes[key] += t
    value["total"] = value["RU->CN"] + value["CN->RU"]
    tonnes["total"] = tonnes["RU->CN"] + tonnes["CN->RU"]
    ok = not errors
    for e in errors:
        print("ERROR", e)
    for k in ("RU->CN", "CN->RU", "total"):
        bn = value[k] / 1e9
        dev = bn / TARGET_BN[k] - 1
        flag = "ok" if abs(dev) <= TOLERANCE else "OFF"
        ok &= flag == "ok"
        print(f"{k:7s} {bn:9.3f} bn USD (target {TARGET_BN[k]:.2f}, {dev:+.3%}) {tonnes[k] / 1e6:9.2f} Mt  {flag}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
