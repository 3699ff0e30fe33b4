// The settlement view: the payments behind the shown scenario's freight, netted per
// cycle by a background "settle" run (docs/http_api.md): gross against bilateral and
// multilateral net per cycle as a chart, and the largest net positions.
import * as Plot from '@observablehq/plot';
import { request, runScenarioId, type Run } from './api';
import type { App } from './main';
import { esc, fmtUsd } from './format';

interface UsdVolumes { gross: number; bilateral: number; multilateral: number; compressed: number; liquidity_need: number }
export interface SettleResult {
  format: string;
  summary: { cycle: string; cycles: number; usd_equivalent: UsdVolumes };
  by_cycle_length: { cycle: string; usd_equivalent: UsdVolumes }[];
  cycles: { cycle: string; usd_equivalent: UsdVolumes }[];
  invariants: { passed: boolean; groups_checked: number; failures: string[] };
  reference_rates_per_usd: Record<string, number>;
}

const startSettle = (dataset_id: number, scenario_id: number | null, cycle: string) =>
  request<Run>('POST', '/v1/runs', { kind: 'settle', dataset_id, ...(scenario_id ? { scenario_id } : {}), options: { cycle, ranging: 0 } });
const settleResult = (id: number) => request<SettleResult>('GET', `/v1/runs/${id}/result`);
const positionsCsv = (id: number) => fetch(`/v1/runs/${id}/artifacts/positions.csv`).then(r => r.ok ? r.text() : '');

const pct = (net: number, gross: number) => gross > 0 ? `${(100 * (1 - net / gross)).toFixed(1)} %` : '–';

export class SettlePanel {
  constructor(private app: App, private root: HTMLElement) {
    root.innerHTML = `
      <p class="muted">The payments behind the shown scenario's freight, aggregated to the firms' banks and netted per
        cycle and currency (USD equivalents at the reference rates). Assumptions: the dataset's settlement.toml.</p>
      <div class="row-buttons"><label>Cycle <select id="settle-cycle" data-testid="settle-cycle">
        <option value="day">day</option><option value="week">week</option><option value="month" selected>month</option></select></label>
        <button id="settle-run" data-testid="settle-run">Settle this scenario</button></div>
      <div id="settle-out" data-testid="settle-out"></div>`;
    root.querySelector('#settle-run')!.addEventListener('click', () => this.run().catch(e => app.error(e, 'settling')));
  }

  async run() {
    const out = this.root.querySelector('#settle-out') as HTMLElement;
    const cycle = (this.root.querySelector('#settle-cycle') as HTMLSelectElement).value;
    const scenario = this.app.shown ? runScenarioId(this.app.shown.run) : null;
    let run = await startSettle(this.app.dataset.id, scenario, cycle);
    out.innerHTML = '<div class="muted">Settling…</div>';
    run = await this.app.watch(run, 'settlement');
    if (run.status !== 'finished') { out.innerHTML = `<div class="bad">The settlement run ended ${esc(run.status)}.</div>`; return; }
    const [result, positions] = await Promise.all([settleResult(run.id), positionsCsv(run.id)]);
    this.render(run, result, positions);
  }

  /** Shows a finished settlement run (from the run list). */
  async show(run: Run) {
    const [result, positions] = await Promise.all([settleResult(run.id), positionsCsv(run.id)]);
    this.render(run, result, positions);
  }

  render(run: Run, r: SettleResult, positions: string) {
    const out = this.root.querySelector('#settle-out') as HTMLElement;
    const u = r.summary.usd_equivalent;
    out.innerHTML = `
      <div class="card" data-testid="settle-summary" data-run-id="${run.id}" data-gross="${u.gross}" data-multilateral="${u.multilateral}">
        <div><b>Run #${run.id}</b> · ${esc(this.app.runLabel(run))} · ${r.summary.cycles} ${esc(r.summary.cycle)} cycles ·
          invariants ${r.invariants.passed ? 'passed' : '<span class="bad">FAILED</span>'} (${r.invariants.groups_checked} groups)</div>
        <table class="kv"><tr><th>Gross</th><td>${fmtUsd(u.gross)}</td></tr>
          <tr><th>Bilateral net</th><td>${fmtUsd(u.bilateral)} (removes ${pct(u.bilateral, u.gross)})</td></tr>
          <tr><th>Multilateral net</th><td>${fmtUsd(u.multilateral)} (removes ${pct(u.multilateral, u.gross)})</td></tr>
          <tr><th>Compressed</th><td>${fmtUsd(u.compressed)} (removes ${pct(u.compressed, u.gross)})</td></tr>
          <tr><th>Liquidity need, year</th><td>${fmtUsd(u.liquidity_need)}</td></tr></table>
        <div class="muted">Multilateral netting removes ${r.by_cycle_length.map(c => `${pct(c.usd_equivalent.multilateral, c.usd_equivalent.gross)} (${esc(c.cycle)})`).join(' · ')}</div>
      </div>
      <h4>Gross and net per ${esc(r.summary.cycle)}</h4>
      <div class="chart" data-testid="settle-chart"></div>
      <h4>Largest net positions</h4>
      ${positionsTable(positions, r.reference_rates_per_usd)}`;
    const rows = r.cycles.flatMap(c => (['gross', 'bilateral', 'multilateral'] as const).map(k => ({ cycle: c.cycle, kind: k, usd: c.usd_equivalent[k] })));
    const chart = Plot.plot({
      width: 360, height: 220, marginLeft: 56, x: { type: 'band', label: null, tickRotate: -45 }, y: { label: 'bn USD', grid: true, zero: true, transform: (v: number) => v / 1e9 }, marginBottom: 48,
      color: { legend: true, domain: ['gross', 'bilateral', 'multilateral'] },
      marks: [Plot.lineY(rows, { x: 'cycle', y: 'usd', stroke: 'kind' }), Plot.dot(rows, { x: 'cycle', y: 'usd', fill: 'kind', r: 2 })],
    });
    out.querySelector('[data-testid=settle-chart]')!.append(chart);
  }
}

/** The positions CSV's largest rows by their USD value (the sign says who pays). */
function positionsTable(csv: string, rates: Record<string, number>): string {
  const lines = csv.trim().split('\n').slice(1).filter(l => l);
  const rows = lines.map(l => { const [cycle, currency, party, , country, net] = l.split(','); return { cycle, currency, party, country, net: Number(net), usd: Number(net) / (rates[currency] ?? 1) }; });
  rows.sort((a, b) => Math.abs(b.usd) - Math.abs(a.usd));
  if (!rows.length) return '<div class="muted">No net positions.</div>';
  return `<table class="grid" data-testid="settle-positions"><thead><tr><th>Cycle</th><th>Party</th><th>Currency</th><th>Net</th></tr></thead><tbody>
    ${rows.slice(0, 10).map(p => `<tr><td>${esc(p.cycle)}</td><td>${esc(p.party)}</td><td>${esc(p.currency)}</td><td class="num${p.net < 0 ? ' hot' : ''}">${fmtUsd(p.usd)}</td></tr>`).join('')}
    </tbody></table>`;
}
