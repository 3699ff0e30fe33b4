// Every kind of run from the run list: solve runs on the map and in the overview,
// assign runs (equilibrium flows and queues per crossing), compare runs (the scenarios
// side by side and the difference map), and the simulation, risk, plan and settlement
// runs in their own tabs.
import { api, type Compare, type Net, type Result, type Run, type UeResult } from './api';
import type { App } from './main';
import { equilibriumTable } from './main';
import { riskViewOf } from './risk';
import { esc } from './format';

/** Shows a finished run of any kind; `box` is the run list's view area. */
export async function showAnyRun(app: App, run: Run, box: HTMLElement) {
  box.dataset.kind = run.kind;
  box.dataset.runId = String(run.id);
  switch (run.kind) {
    case 'solve':
      await app.showRun(run);
      box.innerHTML = `<div class="muted">Run #${run.id} is on the map and in the Overview.</div>`;
      break;
    case 'assign': await showAssign(app, run, box); break;
    case 'compare': await showCompareRun(app, run, box); break;
    case 'simulate': app.tab('simulate'); await app.simPanel.show(run.id); break;
    case 'plan': app.tab('plan'); await app.planPanel.show(run); break;
    case 'settle': app.tab('settle'); await app.settlePanel.show(run); break;
    case 'risk': {
      const on = app.shown?.run.id ?? app.baseline?.run.id;
      if (on == null) throw new Error('show a solve run first');
      app.risk = await riskViewOf(run, on);
      app.renderOverview();
      app.tab('overview');
      break;
    }
    default: box.innerHTML = `<div class="muted">Runs of kind ${esc(run.kind)} have no view.</div>`;
  }
  box.dataset.shown = 'true';
}

/** An equilibrium: per crossing its flow, use and queue, in the table and on the map. */
async function showAssign(app: App, run: Run, box: HTMLElement) {
  const ue: UeResult = await api.ueResult(run.id);
  box.innerHTML = `<h4 data-testid="run-view-title">Equilibrium run #${run.id} · ${esc(app.runLabel(run))}</h4>${equilibriumTable(ue)}`;
  app.map.showCrossingValues(ue.crossings.map(c => ({ id: c.id, flow: c.flow_t, capacity: c.capacity_t, util: c.utilisation,
    queue: c.queue_h ?? 0 })), `Equilibrium #${run.id}: crossings by flow, ringed where a queue forms`);
}

/** A compare run: its scenarios side by side, and the flow differences of the last against the first. */
async function showCompareRun(app: App, run: Run, box: HTMLElement) {
  const cmp: any = await api.result(run.id);
  const sc: any[] = cmp.scenarios ?? [];
  const figures = sc.length ? Object.keys(sc[0].figures ?? {}) : [];
  box.innerHTML = `<h4 data-testid="run-view-title">Comparison run #${run.id} · ${sc.length} scenarios</h4>
    <div class="table-wrap"><table class="grid compare" data-testid="compare-run-table"><thead><tr><th></th>${sc.map(s => `<th>${esc(s.scenario)}</th>`).join('')}</tr></thead>
    <tbody>${figures.map(f => `<tr><th>${esc(f)}</th>${sc.map((s, i) => {
      const v = s.figures[f]; const d = s.difference_vs_first?.[f];
      return `<td class="num">${v == null ? '–' : Number(v).toPrecision(4)}${i > 0 && d != null ? `<br><span class="delta ${d > 0 ? 'up' : d < 0 ? 'down' : ''}">${d > 0 ? '+' : ''}${Number(d).toPrecision(3)}</span>` : ''}</td>`;
    }).join('')}</tr>`).join('')}</tbody></table></div>`;
  const n = sc.length;
  if (n < 2) return;
  let f0: string, f1: string, r0: string, r1: string;
  try {
    [f0, f1, r0, r1] = await Promise.all([api.artifact(run.id, 'flows-1.geojson'), api.artifact(run.id, `flows-${n}.geojson`),
      api.artifact(run.id, 'result-1.json'), api.artifact(run.id, `result-${n}.json`)]);
  } catch {
    box.insertAdjacentHTML('beforeend', '<div class="muted">This comparison has no flows per scenario (an older run): no map.</div>');
    return;
  }
  const flows = [JSON.parse(f0) as Net, JSON.parse(f1) as Net];
  const results = [JSON.parse(r0) as Result, JSON.parse(r1) as Result];
  app.map.showDiff(differences(run.id, [sc[0].scenario, sc[n - 1].scenario], flows, results), 1);
  box.insertAdjacentHTML('beforeend', `<div class="muted" data-testid="compare-run-map">Map: flows of ${esc(sc[n - 1].scenario)} − ${esc(sc[0].scenario)}.</div>`);
}

/** The comparison the map's difference view draws, from two scenarios' flows and results. */
function differences(runId: number, names: string[], flows: Net[], results: Result[]): Compare {
  const byId = new Map<string, any>();
  flows.forEach((fc, i) => {
    for (const f of fc.features) {
      if (f.properties.kind !== 'link') continue;
      const cur = byId.get(f.properties.id) ?? { type: 'Feature', geometry: f.geometry,
        properties: { id: f.properties.id, name: f.properties.name, mode: f.properties.mode, flow_total_t: [0, 0], delta_t: [0, 0] } };
      cur.properties.flow_total_t[i] = f.properties.flow_total_t ?? 0;
      byId.set(f.properties.id, cur);
    }
  });
  for (const f of byId.values()) f.properties.delta_t = [0, f.properties.flow_total_t[1] - f.properties.flow_total_t[0]];
  const crossings = results[0].crossings.map(c => {
    const other = results[1].crossings.find(x => x.id === c.id);
    return { id: c.id, node: c.node, capacity_t: [c.capacity_t, other?.capacity_t ?? null], flow_t: [c.flow_t, other?.flow_t ?? 0],
      utilisation: [c.utilisation, other?.utilisation ?? null], shadow_price_usd_per_t: [c.shadow_price_usd_per_t, other?.shadow_price_usd_per_t ?? null] };
  });
  return { runs: names.map(s => ({ id: runId, scenario: s })), kpis: [], crossings,
    link_differences: { type: 'FeatureCollection', features: [...byId.values()] } };
}

