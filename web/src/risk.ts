// The risk view of the overview: a Monte Carlo of the dataset's risk model for the shown
// run's scenario, as a histogram of the draws' generalised cost and a criticality table.
import * as Plot from '@observablehq/plot';
import { api, runScenarioId, type Run } from './api';
import { esc, fmtPrice } from './format';

export interface RiskSummary {
  n: number; mean: number; se_mean: number; p5: number; p50: number; p95: number; p99: number;
  cvar95: number; se_cvar95: number;
}
export interface RiskElement {
  resource: string; kind: string; p_hit: number; p_binds: number;
  expected_shadow_price_usd_per_t: number | null; unserved_trade_value_when_hit_usd: number | null;
  generalised_cost_when_hit_usd: number | null; generalised_cost_when_not_hit_usd: number | null;
}
export interface RiskResult {
  format: string;
  risk_model: { name: string; hash_fnv1a64: string };
  reference: {
    draws: number; failed: number;
    undisrupted: { generalised_cost_usd: number };
    generalised_cost_usd: RiskSummary; unserved_trade_value_usd: RiskSummary;
    elements: RiskElement[]; certified_draws: { index: number; passed: boolean }[];
  };
}
export interface RiskView { runId: number; result: RiskResult; costs: number[] }

export const RISK_DRAWS = 200;

/** Starts a risk run of the scenario of `solveRun` and waits for it (with the progress bar). */
export async function runRisk(solveRun: Run, datasetId: number,
                              watch: (r: Run, label: string) => Promise<Run>): Promise<RiskView | null> {
  let run = await api.startRisk(datasetId, runScenarioId(solveRun), RISK_DRAWS);
  run = await watch(run, 'risk');
  if (run.status !== 'finished') return null;
  return riskViewOf(run, solveRun.id);
}

/** A finished risk run as the overview shows it, for the solve run `forRunId`. */
export async function riskViewOf(run: Run, forRunId: number): Promise<RiskView> {
  const result = await api.riskResult(run.id);
  const csv = await api.artifactText(run.id, 'risk_draws.csv');
  // case,draw,seed,status,generalised_cost_usd,...: the reference case's optimal draws.
  const costs = csv.trim().split('\n').slice(1).map(l => l.split(','))
    .filter(f => f[3] === 'optimal' && f[0] === csv.split('\n')[1]?.split(',')[0])
    .map(f => Number(f[4]));
  return { runId: forRunId, result, costs };
}

const bn = (usd: number | null | undefined) => usd == null ? '–' : (usd / 1e9).toFixed(3);

/** The risk panel's HTML (the histogram is drawn by drawRiskHistogram once it is in the page). */
export function riskPanel(v: RiskView): string {
  const r = v.result.reference;
  const c = r.generalised_cost_usd, u = r.unserved_trade_value_usd;
  const certified = r.certified_draws.every(x => x.passed);
  return `<div class="muted" data-testid="risk-summary">${r.draws - r.failed} of ${r.draws} draws of ${esc(v.result.risk_model.name)} · certificates ${certified ? 'passed' : 'FAILED'}</div>
    <div class="muted">Generalised cost: undisrupted ${bn(r.undisrupted.generalised_cost_usd)} bn USD · mean ${bn(c.mean)} ± ${bn(c.se_mean)} · P95 ${bn(c.p95)} · CVaR95 ${bn(c.cvar95)} bn USD. Unserved trade value: mean ${bn(u.mean)} · CVaR95 ${bn(u.cvar95)} bn USD</div>
    <div id="risk-histogram" data-testid="risk-histogram"></div>
    <table class="grid" data-testid="risk-table"><thead><tr><th>Capacity</th><th>P(hit)</th><th>P(binds)</th><th>E[price]</th><th>Excess cost if hit, bn USD</th></tr></thead><tbody>
    ${r.elements.slice(0, 10).map(e => `<tr data-id="${esc(e.resource)}"><td>${esc(e.resource)}</td><td class="num">${e.p_hit.toFixed(3)}</td><td class="num">${e.p_binds.toFixed(3)}</td><td class="num">${fmtPrice(e.expected_shadow_price_usd_per_t)}</td><td class="num">${e.generalised_cost_when_hit_usd == null ? '–' : bn(e.generalised_cost_when_hit_usd - (e.generalised_cost_when_not_hit_usd ?? 0))}</td></tr>`).join('')}
    </tbody></table>`;
}

/** Draws the histogram of the draws' generalised cost into #risk-histogram. */
export function drawRiskHistogram(root: HTMLElement, v: RiskView) {
  const box = root.querySelector<HTMLElement>('#risk-histogram');
  if (!box || !v.costs.length) return;
  const chart = Plot.plot({
    height: 160, width: 320, marginLeft: 40,
    x: { label: 'generalised cost of a draw (bn USD)' }, y: { label: 'draws', grid: true },
    marks: [
      Plot.rectY(v.costs.map(x => x / 1e9), { ...Plot.binX({ y: 'count' }, { x: (d: number) => d }), fill: '#3a6ea5' }),
      Plot.ruleX([v.result.reference.undisrupted.generalised_cost_usd / 1e9], { stroke: '#d6452b', strokeDasharray: '3 3' }),
      Plot.ruleY([0]),
    ],
  });
  box.replaceChildren(chart);
}
