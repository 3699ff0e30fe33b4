// The "Plan" tab: starts a `plan` run (the portfolio of the dataset's candidate projects
// for a scenario, optionally within a budget), lists the portfolio with its proven gap
// and draws the chosen projects on the map.
import { api, type Run } from './api';
import type { App } from './main';
import { el, esc, fmtUsd } from './format';

interface PlanChange { type: string; target: string; element_kind: string; from: string; to: string }
interface PlanProject { id: string; name: string; capital_cost_usd: number; annualised_cost_usd: number; value_usd_per_year: number | null; ready_year: number; changes: PlanChange[]; confidence: string }
export interface PlanResult {
  status: string; reason: string; relative_gap: number | null; objective_usd_per_year: number | null;
  best_bound_usd_per_year: number | null; lp_relaxation_bound_usd_per_year: number | null;
  portfolio: PlanProject[]; capital_cost_usd: number; annualised_cost_usd_per_year: number;
  benefit_usd_per_year: number | null; net_benefit_usd_per_year: number | null;
  routing_check: { passed: boolean; relative_difference: number | null }; seconds: number;
}

/** Where a project acts on the map: crossings (as points) and links (as lines). */
export interface ProjectMark { project: string; crossing?: string; link?: string; from?: string; to?: string }

export function projectMarks(portfolio: PlanProject[]): ProjectMark[] {
  const out: ProjectMark[] = [];
  for (const p of portfolio) {
    for (const c of p.changes) {
      if (c.type === 'add_link') out.push({ project: p.id, from: c.from, to: c.to });
      else if (c.target === '*' || !c.target) continue;
      else if (['open_crossing', 'set_crossing_state', 'set_dwell', 'scale_dwell'].includes(c.type) || c.element_kind === 'crossing' && c.type.includes('capacity')) out.push({ project: p.id, crossing: c.target });
      else if (c.element_kind === 'link' && c.type.includes('capacity')) out.push({ project: p.id, link: c.target });
    }
  }
  return out;
}

export class PlanPanel {
  constructor(private app: App, private root: HTMLElement) {}

  datasetChanged() {
    const scenarios = this.app.scenarios;
    const target = scenarios.find(s => s.name === 'target-200bn');
    this.root.innerHTML = `
      <div class="card">
        <p class="muted">Chooses the candidate projects (the dataset's <code>projects.csv</code>) with the least yearly cost:
          annualised projects + system-optimal routing, proven optimal by a MIP (CBC).</p>
        <label>Scenario <select data-testid="plan-scenario">
          <option value="0">baseline</option>
          ${scenarios.map(s => `<option value="${s.id}" ${s.id === target?.id ? 'selected' : ''}>${esc(s.name)}</option>`).join('')}
        </select></label>
        <label>Budget (bn USD, empty = none) <input data-testid="plan-budget" type="number" min="0" step="0.5"></label>
        <button class="primary" data-testid="plan-start">Plan</button>
      </div>
      <div data-testid="plan-result"></div>`;
    this.root.querySelector<HTMLButtonElement>('[data-testid=plan-start]')!.addEventListener('click', () =>
      this.start().catch(e => this.app.error(e, 'planning')));
  }

  async start() {
    const scenario = Number(this.root.querySelector<HTMLSelectElement>('[data-testid=plan-scenario]')!.value);
    const budgetText = this.root.querySelector<HTMLInputElement>('[data-testid=plan-budget]')!.value;
    const options: Record<string, unknown> = { time_limit_s: 300 };
    if (budgetText !== '') options.budget_usd = Number(budgetText) * 1e9;
    let run: Run = await api.startPlan(this.app.dataset.id, scenario || null, options);
    run = await this.app.watch(run, 'plan');
    if (run.status !== 'finished') return;
    const result = await api.planResult(run.id);
    this.render(run, result);
    this.app.map.showProjects(projectMarks(result.portfolio));
  }

  /** Shows a finished plan run (from the run list). */
  async show(run: Run) {
    const result = await api.planResult(run.id);
    this.render(run, result);
    this.app.map.showProjects(projectMarks(result.portfolio));
  }

  render(run: Run, r: PlanResult) {
    const box = this.root.querySelector<HTMLElement>('[data-testid=plan-result]')!;
    const gap = r.relative_gap == null ? '–' : r.relative_gap.toExponential(2);
    box.innerHTML = '';
    const card = el('div', { class: 'card' });
    card.innerHTML = `
      <div><b>Run #${run.id}</b> · status <span data-testid="plan-status">${esc(r.status)}</span>
        · proven gap <span data-testid="plan-gap">${gap}</span>${r.reason ? ` · ${esc(r.reason)}` : ''}</div>
      <div class="muted">Yearly cost ${fmtUsd(r.objective_usd_per_year)} (bound ${fmtUsd(r.best_bound_usd_per_year)}, LP relaxation
        ${fmtUsd(r.lp_relaxation_bound_usd_per_year)}) · capital ${fmtUsd(r.capital_cost_usd)} · benefit ${fmtUsd(r.benefit_usd_per_year)}/yr,
        net ${fmtUsd(r.net_benefit_usd_per_year)}/yr · routing re-solved: ${r.routing_check.passed ? 'check passed' : 'check FAILED'}</div>
      <table class="data" data-testid="plan-portfolio">
        <thead><tr><th>#</th><th>Project</th><th>Capital</th><th>Per year</th><th>Value per year</th><th>Ready</th></tr></thead>
        <tbody>${r.portfolio.map((p, i) => `<tr data-testid="plan-project" data-id="${esc(p.id)}"><td>${i + 1}</td>
          <td title="${esc(p.name)}">${esc(p.id)}<div class="muted">${esc(p.name)}</div></td><td>${fmtUsd(p.capital_cost_usd)}</td>
          <td>${fmtUsd(p.annualised_cost_usd)}</td><td>${fmtUsd(p.value_usd_per_year)}</td><td>${p.ready_year || '–'}</td></tr>`).join('')}</tbody>
      </table>`;
    box.append(card);
  }
}
