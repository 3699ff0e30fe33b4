// The simulation view: start a `simulate` run of a scenario, then chart the daily queue
// of every crossing and the waiting-time distribution of the selected one
// (sim_result.json and sim_daily.csv, docs/results.md "Simulation").
import * as Plot from '@observablehq/plot';
import { api, type Run } from './api';
import type { App } from './main';
import { esc } from './format';

interface Est { mean: number | null; ci95_low: number | null; ci95_high: number | null }
interface SimElement {
  id: string; mode: string; servers: number; offered_load: number | null; unstable: boolean;
  wait_h: { mean: Est; p50: Est; p95: Est; p99: Est; max: Est };
  queue_batches: { mean: Est; max: Est; end: Est };
  wait_histogram: { from_h: number; to_h: number | null; batches: number }[];
  disruptions: { label: string; backlog_at_end_batches: Est; days_to_clear: Est; replications_cleared: number }[];
}
export interface SimResult { format: string; period: { start: string; end: string; days: number; replications: number }; elements: SimElement[] }
interface DayRow { element: string; date: Date; queue: number; lo: number; hi: number }

const ci = (e: Est, d = 1) => e.mean == null ? '–' : `${e.mean.toFixed(d)} ± ${((e.ci95_high ?? e.mean) - e.mean).toFixed(d)}`;

function parseDaily(csv: string): DayRow[] {
  const lines = csv.trim().split('\n');
  const head = lines.shift()!.split(',');
  const ix = (n: string) => head.indexOf(n);
  const [e, d, q, h] = [ix('element'), ix('date'), ix('queue_batches'), ix('queue_ci95')];
  return lines.map(l => {
    const c = l.split(',');
    const queue = Number(c[q]); const hw = Number(c[h]);
    return { element: c[e], date: new Date(c[d] + 'T00:00:00Z'), queue, lo: Math.max(0, queue - hw), hi: queue + hw };
  });
}

export class SimPanel {
  private result: SimResult | null = null;
  private daily: DayRow[] = [];

  constructor(private app: App, private root: HTMLElement) {
    root.innerHTML = `
      <h4>Simulation of queues over a year</h4>
      <div class="muted">Trains, trucks and ships arriving at every crossing and transfer as the routing sends them,
        served through the scenario's dated closures; 95 % intervals over the replications.</div>
      <div class="row-buttons">
        <label>Scenario <select id="sim-scenario" data-testid="sim-scenario"></select></label>
        <label>Replications <input id="sim-reps" data-testid="sim-replications" type="number" min="1" max="1000" value="20" style="width:4em"></label>
        <label>AEO <select id="sim-aeo" data-testid="sim-aeo"><option value="none">none</option><option value="priority">priority</option><option value="green-lane">green lane</option></select></label>
        <button id="sim-go" data-testid="sim-run">Simulate</button></div>
      <div class="row-buttons"><label>Run <select id="sim-runs" data-testid="sim-run-select"></select></label></div>
      <div id="sim-out" data-testid="sim-out"></div>`;
    root.querySelector('#sim-go')!.addEventListener('click', () => this.start().catch(e => app.error(e, 'running the simulation')));
    root.querySelector('#sim-runs')!.addEventListener('change', e => {
      const id = Number((e.target as HTMLSelectElement).value);
      if (id) this.show(id).catch(err => app.error(err, `showing simulation run ${id}`));
    });
  }

  /** Fills the scenario and run selectors (called when the lists change). */
  refresh() {
    const sel = this.root.querySelector('#sim-scenario') as HTMLSelectElement;
    const keep = sel.value;
    sel.innerHTML = `<option value="0">baseline</option>` + this.app.scenarios.map(s => `<option value="${s.id}">${esc(s.name)}</option>`).join('');
    if (keep) sel.value = keep;
    const dated = this.app.scenarios.find(s => s.name === '2021-epidemic-dated');
    if (!keep && dated) sel.value = String(dated.id);
    const runs = this.app.runs.filter(r => r.kind === 'simulate' && r.status === 'finished');
    const rs = this.root.querySelector('#sim-runs') as HTMLSelectElement;
    const was = rs.value;
    rs.innerHTML = `<option value="">–</option>` + runs.map(r => `<option value="${r.id}">#${r.id} ${esc(this.app.runLabel(r))}</option>`).join('');
    if (was) rs.value = was;
  }

  async start() {
    const scenario = Number((this.root.querySelector('#sim-scenario') as HTMLSelectElement).value) || null;
    const replications = Number((this.root.querySelector('#sim-reps') as HTMLInputElement).value) || 20;
    const aeo = (this.root.querySelector('#sim-aeo') as HTMLSelectElement).value;
    let run: Run = await api.startSimulate(this.app.dataset.id, scenario, { replications, aeo });
    this.root.dataset.runId = String(run.id);
    run = await this.app.watch(run, 'simulation');
    this.root.dataset.status = run.status;
    this.refresh();
    if (run.status === 'finished') {
      (this.root.querySelector('#sim-runs') as HTMLSelectElement).value = String(run.id);
      await this.show(run.id);
    }
  }

  async show(id: number) {
    const [result, csv] = await Promise.all([api.simResult(id), api.artifact(id, 'sim_daily.csv')]);
    this.result = result;
    this.daily = parseDaily(csv);
    const out = this.root.querySelector('#sim-out') as HTMLElement;
    const els = [...result.elements].sort((a, b) => (b.queue_batches.max.mean ?? 0) - (a.queue_batches.max.mean ?? 0));
    const crossings = els.filter(e => e.id.startsWith('crossing:'));
    const pick = crossings[0]?.id ?? els[0]?.id ?? '';
    out.innerHTML = `
      <div class="muted">${esc(result.period.start)} – ${esc(result.period.end)}, ${result.period.replications} replications</div>
      <h4>Queue over time (batches waiting at the end of each day; mean of the replications)</h4>
      <div class="chart" data-testid="sim-queue-chart"></div>
      <h4>Waiting time <select id="sim-element" data-testid="sim-element">${els.map(e => `<option value="${esc(e.id)}"${e.id === pick ? ' selected' : ''}>${esc(e.id)}</option>`).join('')}</select></h4>
      <div class="chart" data-testid="sim-wait-chart"></div>
      <table class="grid" data-testid="sim-table"><thead><tr><th>Element</th><th>Queue max</th><th>Wait mean h</th><th>Wait p95 h</th></tr></thead><tbody>
        ${els.map(e => `<tr data-id="${esc(e.id)}"><td>${esc(e.id)}${e.unstable ? ' <span class="bad">unstable</span>' : ''}</td><td class="num">${ci(e.queue_batches.max, 0)}</td><td class="num">${ci(e.wait_h.mean)}</td><td class="num">${ci(e.wait_h.p95)}</td></tr>`).join('')}
      </tbody></table>`;
    this.drawQueues(out.querySelector('[data-testid=sim-queue-chart]') as HTMLElement, crossings.slice(0, 8).map(e => e.id));
    const sel = out.querySelector('#sim-element') as HTMLSelectElement;
    const wait = out.querySelector('[data-testid=sim-wait-chart]') as HTMLElement;
    this.drawWaits(wait, pick);
    sel.addEventListener('change', () => this.drawWaits(wait, sel.value));
    document.body.dataset.shownSimRun = String(id);
  }

  private drawQueues(box: HTMLElement, ids: string[]) {
    const keep = new Set(ids);
    const data = this.daily.filter(d => keep.has(d.element));
    const chart = Plot.plot({
      width: Math.max(320, box.clientWidth || 380), height: 260, marginLeft: 48,
      style: { fontSize: '11px', background: 'transparent' },
      x: { type: 'utc', label: null }, y: { label: 'batches waiting', grid: true },
      color: { legend: true, domain: ids },
      marks: [
        Plot.areaY(data, { x: 'date', y1: 'lo', y2: 'hi', fill: 'element', fillOpacity: 0.15 }),
        Plot.lineY(data, { x: 'date', y: 'queue', stroke: 'element', tip: true }),
        Plot.ruleY([0]),
      ],
    });
    box.innerHTML = '';
    box.append(chart);
    box.dataset.series = String(ids.length);
    box.dataset.points = String(data.length);
  }

  private drawWaits(box: HTMLElement, id: string) {
    const e = this.result?.elements.find(x => x.id === id);
    if (!e) { box.innerHTML = ''; return; }
    const bins = e.wait_histogram.map(b => ({ bin: b.to_h == null ? `≥ ${b.from_h} h` : `${b.from_h}–${b.to_h} h`, batches: b.batches }));
    const chart = Plot.plot({
      width: Math.max(320, box.clientWidth || 380), height: 200, marginLeft: 56, marginBottom: 44,
      style: { fontSize: '11px', background: 'transparent' },
      x: { domain: bins.map(b => b.bin), label: 'wait in queue', tickRotate: -35 }, y: { label: 'batches (all replications)', grid: true },
      marks: [Plot.barY(bins, { x: 'bin', y: 'batches', fill: '#1f6fb4', tip: true }), Plot.ruleY([0])],
    });
    box.innerHTML = `<div class="muted" data-testid="sim-wait-summary">${esc(id)}: mean ${ci(e.wait_h.mean)} h · p50 ${ci(e.wait_h.p50)} · p95 ${ci(e.wait_h.p95)} · p99 ${ci(e.wait_h.p99)} · max ${ci(e.wait_h.max, 0)} h</div>`;
    box.append(chart);
    box.dataset.element = id;
  }
}
