// The map: country outlines (bundled, no tiles), the network, flows and flow differences.
import type { ProjectMark } from './plan';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { feature } from 'topojson-client';
import worldUrl from 'world-atlas/countries-50m.json?url';
import type { Compare, Net, NetFeature, Result } from './api';
import { esc, fmtPct, fmtPrice, fmtT, fmtUsd, utilColour } from './format';

export interface Details { title: string; subtitle?: string; rows: [string, string][]; note?: string }

/** One crossing as drawn: from a result, a comparison or the bare network. */
interface CrossingView { id: string; node: string; flow: number | null; capacity: number | null; util: number | null; price: number | null; open?: number | null }

const isBinding = (util: number | null | undefined, price: number | null | undefined) =>
  (util != null && util >= 0.999) || (price != null && price > 1e-9);

export class MapView {
  readonly map: L.Map;
  private links = L.layerGroup();
  private nodesLayer = L.layerGroup();
  private ports = L.layerGroup();
  private crossingsLayer = L.layerGroup();
  private projectsLayer = L.layerGroup();
  private legend: L.Control;
  private legendDiv = document.createElement('div');
  private net: Net | null = null;
  private nodePos = new Map<string, L.LatLng>();
  private nodeProps = new Map<string, Record<string, any>>();
  private crossingProps = new Map<string, Record<string, any>>();
  mode: 'network' | 'flows' | 'diff' = 'network';

  constructor(container: HTMLElement, private onSelect: (d: Details) => void) {
    this.map = L.map(container, { zoomSnap: 0.25, worldCopyJump: false, minZoom: 2, maxZoom: 9, attributionControl: true });
    this.map.attributionControl.setPrefix('Leaflet').addAttribution('Outlines: Natural Earth via world-atlas');
    this.map.setView([50, 95], 3);
    this.map.createPane('countries').style.zIndex = '200';
    this.links.addTo(this.map); this.nodesLayer.addTo(this.map); this.ports.addTo(this.map); this.crossingsLayer.addTo(this.map); this.projectsLayer.addTo(this.map);
    const Legend = L.Control.extend({ onAdd: () => this.legendDiv });
    this.legendDiv.className = 'legend';
    this.legendDiv.setAttribute('data-testid', 'map-legend');
    this.legend = new Legend({ position: 'bottomleft' });
    this.legend.addTo(this.map);
    this.loadCountries();
  }

  private async loadCountries() {
    try {
      const topo = await (await fetch(worldUrl)).json();
      const geo = feature(topo, topo.objects.countries) as any;
      // Rings that cross the antimeridian (Russia's Chukotka) are drawn east of 180°.
      geo.features = geo.features.filter((f: any) => f.id !== '010');
      for (const f of geo.features) {
        const polys = f.geometry?.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry?.type === 'MultiPolygon' ? f.geometry.coordinates : [];
        for (const poly of polys) for (const ring of poly) {
          let mn = Infinity, mx = -Infinity;
          for (const c of ring) { mn = Math.min(mn, c[0]); mx = Math.max(mx, c[0]); }
          if (mx - mn > 180) for (const c of ring) if (c[0] < 0) c[0] += 360;
        }
      }
      // Lines over the antimeridian continue east of 180° (the server unwraps them), so the
      // land just east of the date line (Alaska's west, the Aleutians) is drawn there too.
      const east: any[] = [];
      for (const f of geo.features) {
        const polys = f.geometry?.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry?.type === 'MultiPolygon' ? f.geometry.coordinates : [];
        for (const poly of polys) {
          if (poly[0].every((c: number[]) => c[0] < -120 && c[1] > 45)) east.push(poly.map((ring: number[][]) => ring.map(c => [c[0] + 360, c[1]])));
        }
      }
      if (east.length) geo.features.push({ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: east } });
      L.geoJSON(geo, {
        pane: 'countries', interactive: false, renderer: L.canvas({ pane: 'countries' }),
        style: { color: '#9aa3ad', weight: 0.7, fillColor: '#f4f1ea', fillOpacity: 1 },
      } as L.GeoJSONOptions).addTo(this.map);
    } catch (e) {
      console.warn('country outlines not loaded', e);
    }
  }

  setNetwork(net: Net) {
    this.net = net;
    this.nodePos.clear(); this.nodeProps.clear(); this.crossingProps.clear();
    for (const f of net.features) {
      if (f.geometry.type !== 'Point') continue;
      const [lon, lat] = f.geometry.coordinates;
      if (f.properties.kind === 'crossing' && f.properties.node) this.crossingProps.set(f.properties.id, f.properties);
      else { this.nodePos.set(f.properties.id, L.latLng(lat, lon)); this.nodeProps.set(f.properties.id, f.properties); }
    }
    const b = L.latLngBounds([...this.nodePos.values()]);
    if (b.isValid()) this.map.fitBounds(b, { padding: [20, 20] });
    this.showNetwork();
  }

  /** The network without flows (before any run). */
  showNetwork() {
    if (!this.net) return;
    this.mode = 'network';
    this.links.clearLayers();
    for (const f of this.lines(this.net)) {
      const p = f.properties;
      L.polyline(this.latlngs(f), { color: modeColour(p.mode), weight: 1.5, opacity: 0.7 })
        .bindTooltip(`${esc(p.name ?? p.id)} <span class="muted">${esc(p.id)}</span>`, { sticky: true })
        .on('click', () => this.onSelect({ title: p.name ?? `Link ${p.id}`, subtitle: `link ${p.id} · ${p.mode}`, rows: [
          ['From → to', `${p.from} → ${p.to}`], ['Distance', `${p.distance_km ?? '–'} km`],
          ['Capacity', p.capacity_t_per_year == null ? 'unlimited' : `${fmtT(p.capacity_t_per_year)}/year`]] }))
        .addTo(this.links);
    }
    this.drawNodes();
    this.drawPorts(null, null);
    this.drawCrossings([...this.crossingProps.values()].map(c => ({ id: c.id, node: c.node, flow: null, capacity: c.capacity_t_per_year, util: null, price: null })), null);
    this.legendDiv.innerHTML = `<b>Network</b><div class="lg-row"><i class="sw" style="background:${modeColour('rail_1520')}"></i>rail</div>
      <div class="lg-row"><i class="sw" style="background:${modeColour('road')}"></i>road</div>
      <div class="lg-row"><i class="sw" style="background:${modeColour('sea')}"></i>sea</div>
      <div class="lg-row"><i class="sw" style="background:${modeColour('pipeline')}"></i>pipeline</div>`;
  }

  /** A solve run's flows: width by flow (sqrt), colour by utilisation. */
  showFlows(flows: Net, result: Result) {
    this.mode = 'flows';
    this.links.clearLayers();
    const lines = this.lines(flows);
    const maxFlow = Math.max(1, ...lines.map(f => f.properties.flow_total_t ?? 0));
    const linkPrice = new Map<string, number>();
    for (const r of result.resources) if (r.kind === 'link') linkPrice.set(r.element, Math.max(linkPrice.get(r.element) ?? 0, r.shadow_price_usd_per_t ?? 0));
    lines.sort((a, b) => (a.properties.flow_total_t ?? 0) - (b.properties.flow_total_t ?? 0));
    for (const f of lines) {
      const p = f.properties; const flow = p.flow_total_t ?? 0;
      const price = linkPrice.get(p.id) ?? null;
      const style: L.PolylineOptions = flow > 0
        ? { color: utilColour(p.max_utilisation ?? 0), weight: 1.5 + 11 * Math.sqrt(flow / maxFlow), opacity: 0.85, lineCap: 'round' }
        : { color: '#a9aeb5', weight: 1, opacity: 0.6, dashArray: '3 4' };
      const line = L.polyline(this.latlngs(f), style)
        .bindTooltip(`<b>${esc(p.name ?? p.id)}</b> <span class="muted">${esc(p.id)}</span><br>${fmtT(flow)}/year · util ${fmtPct(p.max_utilisation)}`, { sticky: true })
        .on('click', () => this.onSelect({ title: p.name ?? `Link ${p.id}`, subtitle: `link ${p.id} · ${p.mode} · ${p.from} → ${p.to}`, rows: [
          ['Flow (total)', `${fmtT(flow)}/year`], [`Flow ${p.from} → ${p.to}`, fmtT(p.flow_forward_t)], [`Flow ${p.to} → ${p.from}`, fmtT(p.flow_backward_t)],
          ['Capacity per direction', p.capacity_t_per_direction == null ? 'unlimited' : fmtT(p.capacity_t_per_direction)],
          ['Max utilisation', fmtPct(p.max_utilisation)], ['Shadow price', price == null ? '–' : fmtPrice(price)],
          ['Mode', p.mode], ['Confidence', p.confidence ?? '–']], note: p.source ? `Source: ${p.source}` : undefined }));
      line.addTo(this.links);
    }
    this.drawNodes();
    // ports: throughput = flow on the sea links at the port
    const portFlow = new Map<string, number>();
    for (const f of lines) if (f.properties.mode === 'sea') for (const n of [f.properties.from, f.properties.to]) portFlow.set(n, (portFlow.get(n) ?? 0) + (f.properties.flow_total_t ?? 0));
    const cv: CrossingView[] = result.crossings.map(c => ({ id: c.id, node: c.node, flow: c.flow_t, capacity: c.capacity_t, util: c.utilisation, price: c.shadow_price_usd_per_t, open: c.open_fraction }));
    const scale = Math.max(1, ...cv.map(c => c.flow ?? 0), ...portFlow.values());
    this.drawPorts(portFlow, result, scale);
    this.drawCrossings(cv, scale);
    this.legendDiv.innerHTML = `<b>Utilisation</b><div class="lg-grad"></div><div class="lg-ticks"><span>0</span><span>60%</span><span>85%</span><span>100%</span></div>
      <div class="lg-row"><i class="sw" style="background:#a9aeb5;height:2px"></i>no flow</div>
      <div class="lg-row">line width ∝ √flow (max ${fmtT(maxFlow)})</div>
      <div class="lg-row"><i class="dot xm"></i>crossing <i class="dot pm"></i>port (size ∝ √throughput)</div>
      <div class="lg-row"><i class="dot xm binding"></i>binding (util ≥ 99.9 % or price &gt; 0)</div>`;
  }

  /** Flow differences of a comparison against its first run, for run `idx`. */
  showDiff(cmp: Compare, idx: number) {
    this.mode = 'diff';
    this.links.clearLayers();
    const feats = cmp.link_differences.features;
    const d = (f: (typeof feats)[number]) => f.properties.delta_t?.[idx] ?? 0;
    const maxD = Math.max(1, ...feats.map(f => Math.abs(d(f))));
    const sorted = [...feats].sort((a, b) => Math.abs(d(a)) - Math.abs(d(b)));
    for (const f of sorted) {
      const p = f.properties; const delta = d(f);
      const small = Math.abs(delta) < 1;
      const line = L.polyline(f.geometry.coordinates.map(([lon, lat]) => L.latLng(lat, lon)), small
        ? { color: '#b9bec4', weight: 1, opacity: 0.6 }
        : { color: delta > 0 ? '#1f6fb4' : '#d6452b', weight: 1.5 + 11 * Math.sqrt(Math.abs(delta) / maxD), opacity: 0.85, lineCap: 'round' });
      line.bindTooltip(`<b>${esc(p.name ?? p.id)}</b> <span class="muted">${esc(p.id)}</span><br>Δ ${delta > 0 ? '+' : ''}${fmtT(delta)}/year`, { sticky: true })
        .on('click', () => this.onSelect({ title: p.name ?? `Link ${p.id}`, subtitle: `link ${p.id} · ${p.mode} · flow difference`, rows:
          cmp.runs.map((r, i) => [`#${r.id} ${r.scenario}`, `${fmtT(p.flow_total_t?.[i])}${i ? ` (Δ ${(p.delta_t?.[i] ?? 0) > 0 ? '+' : ''}${fmtT(p.delta_t?.[i])})` : ''}`] as [string, string]) }))
        .addTo(this.links);
    }
    this.drawNodes();
    this.ports.clearLayers();
    const cv: CrossingView[] = cmp.crossings.map(c => ({ id: c.id, node: c.node, flow: c.flow_t[idx], capacity: c.capacity_t[idx], util: c.utilisation[idx], price: c.shadow_price_usd_per_t[idx] }));
    this.drawCrossings(cv, Math.max(1, ...cmp.crossings.flatMap(c => c.flow_t)));
    const ref = cmp.runs[0]; const cur = cmp.runs[idx];
    this.legendDiv.innerHTML = `<b>Flow difference</b><div class="lg-sub">#${cur.id} ${esc(cur.scenario)} − #${ref.id} ${esc(ref.scenario)}</div>
      <div class="lg-row"><i class="sw" style="background:#1f6fb4"></i>more flow</div>
      <div class="lg-row"><i class="sw" style="background:#d6452b"></i>less flow</div>
      <div class="lg-row">width ∝ √|Δ| (max ${fmtT(maxD)})</div>`;
  }

  /** Crossing figures of a run that has no link flows (an equilibrium): the network with
   *  the crossings sized by flow, coloured by use, ringed where a queue forms. */
  showCrossingValues(list: { id: string; flow: number; capacity: number | null; util: number | null; queue: number }[], title: string) {
    this.showNetwork();
    const node = (id: string) => this.crossingProps.get(id)?.node ?? '';
    const cv: CrossingView[] = list.map(c => ({ id: c.id, node: node(c.id), flow: c.flow, capacity: c.capacity, util: c.util, price: c.queue > 0 ? c.queue : 0 }));
    this.drawCrossings(cv, Math.max(1, ...list.map(c => c.flow)));
    this.legendDiv.innerHTML = `<b>${esc(title)}</b><div class="lg-row"><i class="dot xm"></i>crossing (size ∝ √flow, colour by use)</div>
      <div class="lg-row"><i class="dot xm binding"></i>queue at the equilibrium</div>`;
    document.body.dataset.mapMode = 'crossings';
  }

  /** The chosen projects of a plan: a ringed crossing or a thick dashed link each, over the current view. */
  showProjects(marks: ProjectMark[]) {
    this.projectsLayer.clearLayers();
    const style = { color: '#7a1fa2', weight: 5, opacity: 0.9, dashArray: '6 4', className: 'project-mark' };
    for (const m of marks) {
      let shape: L.Layer | null = null;
      if (m.crossing) {
        const node = this.crossingProps.get(m.crossing)?.node;
        const pos = node ? this.nodePos.get(node) : null;
        if (pos) shape = L.circleMarker(pos, { radius: 11, color: '#7a1fa2', weight: 3, fill: false, className: 'project-mark' });
      } else if (m.from && m.to) {
        const a = this.nodePos.get(m.from), b = this.nodePos.get(m.to);
        if (a && b) shape = L.polyline([a, b], style);
      } else if (m.link && this.net) {
        const f = this.lines(this.net).find(l => l.properties.id === m.link);
        if (f) shape = L.polyline(this.latlngs(f), style);
      }
      if (shape) (shape as L.Path).bindTooltip(`project ${esc(m.project)}`, { sticky: true }).addTo(this.projectsLayer);
    }
    document.body.dataset.projectMarks = String(this.projectsLayer.getLayers().length);
  }

  /** Every named element of the network, for the search box: [name, id, kind]. */
  searchItems(): { name: string; id: string; kind: string }[] {
    if (!this.net) return [];
    return this.net.features.map(f => ({ name: String(f.properties.name ?? f.properties.id), id: String(f.properties.id), kind: String(f.properties.kind) }));
  }

  /** Zooms to the element with this id (node, crossing or link) and shows its details as a click would. */
  focus(id: string): boolean {
    const f = this.net?.features.find(x => String(x.properties.id) === id);
    if (!f) return false;
    const p = f.properties;
    if (f.geometry.type === 'LineString') {
      const ll = this.latlngs(f as any);
      this.map.fitBounds(L.latLngBounds(ll), { padding: [40, 40], maxZoom: 7 });
      this.onSelect({ title: p.name ?? `Link ${p.id}`, subtitle: `link ${p.id} · ${p.mode}`, rows: [['From → to', `${p.from} → ${p.to}`],
        ['Distance', `${p.distance_km ?? '–'} km`], ['Capacity', p.capacity_t_per_year == null ? 'unlimited' : `${fmtT(p.capacity_t_per_year)}/year`]],
        note: p.source ? `Source: ${p.source}` : undefined });
    } else {
      const node = p.kind === 'crossing' ? p.node : p.id;
      const pos = this.nodePos.get(node);
      if (pos) this.map.setView(pos, Math.max(this.map.getZoom(), 6));
      this.onSelect({ title: String(p.name ?? p.id), subtitle: `${p.kind} ${p.id}`, rows: p.kind === 'crossing'
        ? [['Node', String(p.node)], ['Mode(s)', String(p.modes ?? '–')], ['Capacity', p.capacity_t_per_year == null ? 'unlimited' : `${fmtT(p.capacity_t_per_year)}/year`]]
        : [['Node', String(p.id)], ['Country', String(p.country ?? '–')]] });
    }
    document.body.dataset.focused = id;
    return true;
  }

  private lines(fc: Net) {
    return fc.features.filter((f): f is NetFeature & { geometry: { type: 'LineString' } } => f.geometry.type === 'LineString') as any[] as
      { properties: Record<string, any>; geometry: { coordinates: number[][] } }[];
  }
  private latlngs(f: { geometry: { coordinates: number[][] } }) { return f.geometry.coordinates.map(([lon, lat]) => L.latLng(lat, lon)); }

  private drawNodes() {
    this.nodesLayer.clearLayers();
    for (const [id, p] of this.nodeProps) {
      if (p.kind === 'port' || p.kind === 'crossing') continue;
      L.circleMarker(this.nodePos.get(id)!, { radius: p.kind === 'hub' ? 3 : 2, color: '#4a5260', weight: 1, fillColor: '#fff', fillOpacity: 1 })
        .bindTooltip(`${esc(p.name)} (${esc(id)}, ${esc(p.country)}, ${esc(p.kind)})`)
        .on('click', () => this.onSelect({ title: p.name, subtitle: `${p.kind} · ${p.country}`, rows: [['Node', id]] }))
        .addTo(this.nodesLayer);
    }
  }

  private drawPorts(portFlow: Map<string, number> | null, result: Result | null, scale = 1) {
    this.ports.clearLayers();
    for (const [id, p] of this.nodeProps) {
      if (p.kind !== 'port') continue;
      const flow = portFlow ? portFlow.get(id) ?? 0 : null;
      // The port's transfers and the dataset's own capacities of the port (berths, rail access).
      const transfers = (result?.resources ?? []).filter(r => (r.kind === 'transfer' && (r.label.endsWith(` at ${id}`) || r.element.startsWith(id + '_'))) ||
        (r.kind === 'resource' && r.element.startsWith(id + '_')));
      const price = transfers.reduce((m, r) => Math.max(m, r.shadow_price_usd_per_t ?? 0), 0);
      const util = transfers.reduce((m, r) => Math.max(m, r.utilisation ?? 0), 0);
      const binding = transfers.length > 0 && isBinding(util, price);
      const size = flow == null ? 9 : Math.round(7 + 26 * Math.sqrt(flow / scale));
      const icon = L.divIcon({ className: 'mk', iconSize: [size, size], iconAnchor: [size / 2, size / 2],
        html: `<div class="pm${binding ? ' binding' : ''}" data-testid="port-marker" data-id="${esc(id)}" data-flow="${flow ?? ''}" style="width:${size}px;height:${size}px"></div>` });
      const tip = `<b>${esc(p.name)}</b> port (${esc(p.country)})` + (flow == null ? '' : `<br>sea throughput ${fmtT(flow)}/year`) +
        (transfers.length ? `<br>terminal util ${fmtPct(util)} · shadow price ${fmtPrice(price)}` : '');
      L.marker(this.nodePos.get(id)!, { icon, zIndexOffset: 100 }).bindTooltip(tip)
        .on('click', () => this.onSelect({ title: p.name, subtitle: `port · ${p.country} · ${id}`, rows: [
          ['Sea throughput', flow == null ? 'no run shown' : `${fmtT(flow)}/year`],
          ...transfers.map(r => [r.label, `${fmtT(r.flow_t)} of ${fmtT(r.capacity_t)} (${fmtPct(r.utilisation)}), price ${fmtPrice(r.shadow_price_usd_per_t)}`] as [string, string])] }))
        .addTo(this.ports);
    }
  }

  private drawCrossings(cs: CrossingView[], scale: number | null) {
    this.crossingsLayer.clearLayers();
    const perNode = new Map<string, CrossingView[]>();
    for (const c of cs) perNode.set(c.node, [...(perNode.get(c.node) ?? []), c]);
    for (const [node, list] of perNode) {
      const pos = this.nodePos.get(node);
      if (!pos) continue;
      list.forEach((c, k) => {
        const net = this.crossingProps.get(c.id) ?? {};
        const size = scale == null || c.flow == null ? 14 : Math.round(9 + 26 * Math.sqrt(Math.max(0, c.flow) / scale));
        const dx = (k - (list.length - 1) / 2) * 16;
        const binding = isBinding(c.util, c.price);
        const closed = c.capacity === 0 || net.state === 'closed';
        const fill = c.util == null ? (closed ? '#c9ccd1' : '#6d7786') : utilColour(c.util);
        const name = net.name ?? c.id;
        const icon = L.divIcon({ className: 'mk', iconSize: [size, size], iconAnchor: [size / 2 - dx, size / 2],
          html: `<div class="xm${binding ? ' binding' : ''}${closed ? ' closed' : ''}" data-testid="crossing-marker" data-id="${esc(c.id)}" data-name="${esc(name)}"` +
            ` data-flow="${c.flow ?? ''}" data-capacity="${c.capacity ?? ''}" data-utilisation="${c.util ?? ''}" data-shadow-price="${c.price ?? ''}"` +
            ` style="width:${size}px;height:${size}px;background:${fill}"></div>` });
        const nodeName = this.nodeProps.get(node)?.name ?? node;
        const tip = `<b>${esc(name)}</b> <span class="muted">${esc(c.id)}</span><br>` + (c.flow == null
          ? `capacity ${c.capacity == null ? 'unlimited' : fmtT(c.capacity) + '/year'} · state ${esc(net.state ?? '–')}`
          : `${fmtT(c.flow)} of ${c.capacity == null ? 'unlimited' : fmtT(c.capacity)} (${fmtPct(c.util)})<br>shadow price ${fmtPrice(c.price)}${binding ? ' · <b>binding</b>' : ''}`);
        L.marker(pos, { icon, zIndexOffset: 200 + Math.round(1000 - size) }).bindTooltip(tip)
          .on('click', () => this.onSelect({ title: name, subtitle: `crossing ${c.id} · ${nodeName} · ${net.modes ?? ''}`, rows: [
            ['Flow', c.flow == null ? 'no run shown' : `${fmtT(c.flow)}/year`],
            ['Capacity', c.capacity == null ? 'unlimited' : `${fmtT(c.capacity)}/year`],
            ['Utilisation', fmtPct(c.util)], ['Shadow price', fmtPrice(c.price)],
            ['Saving per +1 Mt/year', c.price == null ? '–' : fmtUsd(c.price * 1e6)],
            ['Open fraction', c.open == null ? String(net.state ?? '–') : String(c.open)],
            ['Mode(s)', String(net.modes ?? '–')], ['Design capacity', net.capacity_t_per_year == null ? 'unlimited' : fmtT(net.capacity_t_per_year)],
            ['Dwell standard / AEO', `${net.dwell_standard_h ?? '–'} h / ${net.dwell_aeo_h ?? '–'} h`], ['Fee', fmtPrice(net.fee_usd_per_t)]],
            note: binding ? 'Binding: extra capacity here would lower the generalised cost.' : undefined }))
          .addTo(this.crossingsLayer);
      });
    }
  }
}

function modeColour(mode: string): string {
  if (mode?.startsWith('rail')) return '#5b6b84';
  if (mode === 'road') return '#b5793a';
  if (mode === 'sea') return '#3f8fc0';
  if (mode === 'pipeline') return '#7a4fa0';
  return '#888';
}
