import './style.css';
import { api, ApiError, runScenarioId, type Dataset, type Net, type Result, type Run, type Scenario, type UeResult } from './api';
import { MapView, type Details } from './map';
import { el, esc, fmtH, fmtPct, fmtPrice, fmtT, fmtUsd } from './format';
import { ScenarioPanel } from './scenario';
import { ComparePanel } from './compare';
import { SimPanel } from './sim';
import { drawRiskHistogram, riskPanel, runRisk, RISK_DRAWS, type RiskView } from './risk';
import { PlanPanel } from './plan';
import { SettlePanel } from './settle';
import { fillSearch } from './search';
import { ensureLoggedIn } from './login';

export interface Shown { run: Run; result: Result; flows: Net }

export class App {
  dataset!: Dataset;
  datasets: Dataset[] = [];
  network!: Net;
  scenarios: Scenario[] = [];
  runs: Run[] = [];
  baseline: Shown | null = null;
  shown: Shown | null = null;
  /** The last capacitated equilibrium run from the overview, for the solve run it belongs to. */
  ue: { runId: number; result: UeResult } | null = null;
  /** The last risk run from the overview, for the solve run it belongs to. */
  risk: RiskView | null = null;
  map: MapView;
  scenarioPanel: ScenarioPanel;
  comparePanel: ComparePanel;
  simPanel: SimPanel;
  planPanel: PlanPanel;
  settlePanel: SettlePanel;
  private overview = document.getElementById('panel-overview')!;
  private watching: number | null = null;

  constructor() {
    this.map = new MapView(document.getElementById('map')!, d => this.showDetails(d));
    this.scenarioPanel = new ScenarioPanel(this, document.getElementById('panel-scenario')!);
    this.comparePanel = new ComparePanel(this, document.getElementById('panel-compare')!);
    this.simPanel = new SimPanel(this, document.getElementById('panel-simulate')!);
    this.planPanel = new PlanPanel(this, document.getElementById('panel-plan')!);
    this.settlePanel = new SettlePanel(this, document.getElementById('panel-settle')!);
    for (const b of document.querySelectorAll<HTMLButtonElement>('.tab')) b.addEventListener('click', () => this.tab(b.dataset.tab!));
    document.getElementById('dataset-select')!.addEventListener('change', e => {
      const id = Number((e.target as HTMLSelectElement).value);
      const ds = this.datasets.find(d => d.id === id);
      if (ds) this.loadDataset(ds).catch(err => this.error(err, 'loading the dataset'));
    });
    this.renderOverview();
  }

  tab(name: string) {
    for (const b of document.querySelectorAll<HTMLButtonElement>('.tab')) b.classList.toggle('active', b.dataset.tab === name);
    for (const p of document.querySelectorAll<HTMLElement>('.panel')) p.hidden = p.id !== `panel-${name}`;
    if (name === 'compare') this.refreshRuns().catch(e => this.error(e, 'listing the runs'));
    if (name !== 'compare' && this.map.mode === 'diff' && this.shown) this.map.showFlows(this.shown.flows, this.shown.result);
    setTimeout(() => this.map.map.invalidateSize(), 0);
  }

  /** Shows an error readably: the API's code, message and located details. */
  error(e: unknown, doing: string) {
    console.error(doing, e);
    const box = document.getElementById('errors')!;
    const card = el('div', { class: 'error-card', 'data-testid': 'error-message', role: 'alert' });
    if (e instanceof ApiError) {
      card.dataset.code = e.code;
      card.innerHTML = `<button class="close" title="Dismiss">×</button><b>Error while ${esc(doing)}:</b> ${esc(e.message)}
        <span class="code">${esc(e.code)}${e.status ? ` · HTTP ${e.status}` : ''}${e.what ? ` · ${esc(e.what)}` : ''}</span>` +
        (e.details.length ? `<ul>${e.details.map(d => `<li>${esc(d.severity)}${d.file ? ` ${esc(d.file)}` : ''}${d.line ? `:${d.line}` : ''}${d.field ? ` (${esc(d.field)})` : ''}: ${esc(d.message)}</li>`).join('')}</ul>` : '');
    } else {
      card.innerHTML = `<button class="close" title="Dismiss">×</button><b>Error while ${esc(doing)}:</b> ${esc((e as Error)?.message ?? String(e))}`;
    }
    card.querySelector('.close')!.addEventListener('click', () => card.remove());
    box.prepend(card);
    while (box.children.length > 4) box.lastElementChild!.remove();
  }

  async start() {
    this.datasets = await api.datasets();
    const sel = document.getElementById('dataset-select') as HTMLSelectElement;
    sel.innerHTML = this.datasets.map(d => `<option value="${d.id}">${esc(d.name)} (${d.reference_year})</option>`).join('');
    if (!this.datasets.length) throw new Error('the server has no dataset: import one with `corridor serve --import FOLDER`');
    await this.loadDataset(this.datasets[0]);
  }

  async loadDataset(ds: Dataset) {
    this.dataset = ds; this.baseline = null; this.shown = null;
    this.network = await api.network(ds.id);
    this.map.setNetwork(this.network);
    fillSearch(this.map);
    document.body.dataset.networkLoaded = 'true';
    this.setKpis(null);
    await Promise.all([this.refreshScenarios(), this.refreshRuns()]);
    this.scenarioPanel.datasetChanged();
    await this.ensureBaseline();
  }

  async refreshScenarios() {
    this.scenarios = await api.scenarios(this.dataset.id);
    this.scenarioPanel.renderList();
    this.simPanel.refresh();
    this.planPanel.datasetChanged();
  }
  async refreshRuns() {
    this.runs = await api.runs(this.dataset.id);
    this.comparePanel.renderRuns();
    this.simPanel.refresh();
  }

  runLabel(r: Run): string {
    const sid = runScenarioId(r);
    if (sid == null) return 'baseline';
    return this.scenarios.find(s => s.id === sid)?.name ?? `scenario ${sid}`;
  }

  /** Shows the newest finished baseline solve; starts one if there is none. */
  async ensureBaseline() {
    const isBase = (r: Run) => r.kind === 'solve' && runScenarioId(r) == null;
    let run = this.runs.find(r => isBase(r) && r.status === 'finished')
      ?? this.runs.find(r => isBase(r) && (r.status === 'queued' || r.status === 'running'));
    if (!run) run = await api.startSolve(this.dataset.id, null);
    if (run.status !== 'finished') run = await this.watch(run, 'baseline');
    if (run.status === 'finished') {
      const shown = await this.showRun(run);
      this.baseline = shown;
      this.setKpis(shown.result);
      this.scenarioPanel.datasetChanged();
    }
  }

  /** Starts the capacitated equilibrium of the shown run's scenario and shows its queues. */
  async runEquilibrium(solveRun: Run) {
    let run = await api.startAssign(this.dataset.id, runScenarioId(solveRun));
    run = await this.watch(run, 'equilibrium');
    if (run.status !== 'finished') return;
    this.ue = { runId: solveRun.id, result: await api.ueResult(run.id) };
    if (this.shown?.run.id === solveRun.id) this.renderOverview();
  }

  /** Starts a risk run (the dataset's risk model) of the shown run's scenario and shows it. */
  async runRisk(solveRun: Run) {
    const view = await runRisk(solveRun, this.dataset.id, (r, label) => this.watch(r, label));
    if (!view) return;
    this.risk = view;
    if (this.shown?.run.id === solveRun.id) this.renderOverview();
  }

  /** Polls a run with the progress bar (and its Cancel button) until it ends. */
  async watch(run: Run, label: string): Promise<Run> {
    const box = document.getElementById('runbox')!;
    const status = document.getElementById('run-status')!;
    const fill = document.getElementById('run-progress-fill')!;
    const bar = document.getElementById('run-progress')!;
    const cancel = document.getElementById('run-cancel') as HTMLButtonElement;
    this.watching = run.id;
    box.hidden = false; cancel.disabled = false;
    cancel.onclick = async () => {
      cancel.disabled = true;
      try { await api.cancel(run.id); } catch (e) { this.error(e, `cancelling run ${run.id}`); cancel.disabled = false; }
    };
    this.refreshRuns().catch(() => {});
    for (;;) {
      const p = Math.max(0, Math.min(1, run.progress ?? 0));
      fill.style.width = `${(p * 100).toFixed(0)}%`;
      bar.dataset.status = run.status; bar.dataset.runId = String(run.id); bar.dataset.progress = String(p);
      status.textContent = `Run #${run.id} (${label}): ${run.status}${run.stage ? ` · ${run.stage}` : ''} · ${(p * 100).toFixed(0)} %`;
      if (!['queued', 'running'].includes(run.status)) break;
      await new Promise(r => setTimeout(r, 400));
      try { run = await api.run(run.id); } catch (e) { this.error(e, `polling run ${run.id}`); await new Promise(r => setTimeout(r, 1500)); }
    }
    cancel.disabled = true;
    if (run.status === 'failed' && run.error) this.error(new ApiError(0, run.error.code, run.error.message, run.error.details ?? [], `run #${run.id}`), `running ${label}`);
    if (this.watching === run.id) setTimeout(() => { if (this.watching === run.id) box.hidden = run.status !== 'finished' ? false : true; }, 1500);
    await this.refreshRuns().catch(() => {});
    return run;
  }

  async showRun(run: Run): Promise<Shown> {
    const [result, flows] = await Promise.all([api.result(run.id), api.flows(run.id)]);
    const shown = { run, result, flows };
    this.shown = shown;
    this.map.showFlows(flows, result);
    this.setKpis(result);
    this.renderOverview();
    document.body.dataset.shownRun = String(run.id);
    return shown;
  }

  setKpis(result: Result | null) {
    const t = result?.totals; const b = this.baseline?.result.totals;
    const set = (id: string, v: number | null | undefined, fmt: (x: number) => string, base: number | null | undefined) => {
      const e = document.getElementById(id)!;
      e.textContent = v == null ? '–' : fmt(v);
      e.dataset.value = v == null ? '' : String(v);
      const d = document.getElementById(id + '-d')!;
      const showDelta = v != null && base != null && this.shown && this.baseline && this.shown.run.id !== this.baseline.run.id;
      const delta = showDelta ? v! - base! : 0;
      d.textContent = showDelta ? `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${fmt(Math.abs(delta))} vs baseline` : '';
      d.className = 'kpi-delta' + (showDelta && delta !== 0 ? (delta > 0 ? ' up' : ' down') : '');
    };
    set('kpi-cost', t?.generalised_cost_usd, fmtUsd, b?.generalised_cost_usd);
    set('kpi-served', t?.served_t, fmtT, b?.served_t);
    set('kpi-unserved', t?.unserved_t, fmtT, b?.unserved_t);
    set('kpi-time', t?.avg_transit_time_h, fmtH, b?.avg_transit_time_h);
    document.getElementById('showing')!.innerHTML = this.shown
      ? `Showing run <b>#${this.shown.run.id}</b> · <span data-testid="showing-scenario">${esc(this.runLabel(this.shown.run))}</span> · ${esc(this.shown.result.solve?.status ?? '')}`
      : 'No run shown yet';
  }

  showDetails(d: Details) {
    const box = document.getElementById('details')!;
    box.innerHTML = `<h3>${esc(d.title)}</h3>${d.subtitle ? `<div class="sub">${esc(d.subtitle)}</div>` : ''}
      <table class="kv">${d.rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>
      ${d.note ? `<p class="note">${esc(d.note)}</p>` : ''}`;
    if (!document.getElementById('panel-overview')!.hidden) box.scrollIntoView({ block: 'nearest' });
    else this.tab('overview');
  }

  renderOverview() {
    const s = this.shown;
    const isBase = !s || !this.baseline || s.run.id === this.baseline.run.id;
    this.overview.innerHTML = `
      <div class="card" data-testid="overview-run">
        ${s ? `<div><b>Run #${s.run.id}</b> · ${esc(this.runLabel(s.run))} · solve ${esc(s.result.solve?.status ?? '–')} (${esc(s.result.solve?.method ?? '')}, ${(s.result.solve?.seconds ?? 0).toFixed(2)} s)</div>
          <div class="muted">Demand ${fmtT(s.result.totals.demand_t)} · money ${fmtUsd(s.result.totals.money_usd)} · time value ${fmtUsd(s.result.totals.time_value_usd)} · tonne-km ${s.result.totals.tonne_km?.toExponential(3) ?? '–'}</div>
          ${backgroundLine(s.result)}
          ${isBase ? '' : '<button id="show-baseline" class="small" data-testid="show-baseline">Show baseline</button>'}`
        : '<div class="muted">Waiting for the baseline run…</div>'}
      </div>
      <div class="card details" id="details" data-testid="details-panel"><div class="muted">Click a link, crossing or port on the map for its details.</div></div>
      ${s ? `<h4>Crossings</h4><table class="grid" data-testid="crossing-table"><thead><tr><th>Crossing</th><th>Flow</th><th>Util.</th><th>Price</th></tr></thead><tbody>
        ${[...s.result.crossings].sort((a, b) => b.flow_t - a.flow_t).map(c => `<tr data-id="${esc(c.id)}"><td title="${esc(c.id)}">${esc(c.name ?? c.id)}</td><td class="num">${fmtT(c.flow_t)}</td><td class="num">${fmtPct(c.utilisation)}</td><td class="num${(c.shadow_price_usd_per_t ?? 0) > 0 ? ' hot' : ''}">${fmtPrice(c.shadow_price_usd_per_t)}</td></tr>`).join('')}
        </tbody></table>
        ${sharedCapacities(s.result)}
        <h4>User equilibrium with queues</h4>
        <button id="run-equilibrium" class="small" data-testid="run-equilibrium">Run the equilibrium of this scenario</button>
        <div id="ue-panel">${this.ue && this.ue.runId === s.run.id ? equilibriumTable(this.ue.result) : ''}</div>
        <h4>Risk of disruptions</h4>
        <button id="run-risk" class="small" data-testid="run-risk">Run ${RISK_DRAWS} draws of the dataset's risk model</button>
        <div id="risk-panel">${this.risk && this.risk.runId === s.run.id ? riskPanel(this.risk) : ''}</div>
        <h4>Top bottlenecks</h4><ol class="bn">${s.result.bottlenecks.slice(0, 8).map(b => `<li title="${esc(b.label)}">${esc(b.name ?? b.label)} <span class="muted">${fmtT(b.flow_t)} of ${fmtT(b.capacity_t)}, ${fmtPrice(b.shadow_price_usd_per_t)}</span></li>`).join('') || '<li class="muted">none</li>'}</ol>` : ''}`;
    this.overview.querySelector('#run-equilibrium')?.addEventListener('click', () => {
      if (s) this.runEquilibrium(s.run).catch(e => this.error(e, 'running the equilibrium'));
    });
    this.overview.querySelector('#run-risk')?.addEventListener('click', () => {
      if (s) this.runRisk(s.run).catch(e => this.error(e, 'running the risk model'));
    });
    if (this.risk && s && this.risk.runId === s.run.id) drawRiskHistogram(this.overview, this.risk);
    this.overview.querySelector('#show-baseline')?.addEventListener('click', () => {
      if (this.baseline) this.showRun(this.baseline.run).catch(e => this.error(e, 'showing the baseline'));
    });
    for (const tr of this.overview.querySelectorAll<HTMLTableRowElement>('[data-testid=crossing-table] tbody tr')) {
      tr.addEventListener('click', () => {
        const c = s!.result.crossings.find(x => x.id === tr.dataset.id)!;
        this.showDetails({ title: c.name ?? `Crossing ${c.id}`, subtitle: `crossing ${c.id} · ${c.node}`, rows: [['Flow', fmtT(c.flow_t)],
          ['of which background', fmtT(c.background_t ?? 0)], ['Capacity', c.capacity_t == null ? 'unlimited' : fmtT(c.capacity_t)],
          ['Utilisation', fmtPct(c.utilisation)], ['Shadow price', fmtPrice(c.shadow_price_usd_per_t)], ['Open fraction', String(c.open_fraction)]] });
      });
    }
  }
}

const app = new App();
(window as any).corridorApp = app;
ensureLoggedIn().then(() => app.start()).catch(e => app.error(e, 'loading the page'));

/** The background traffic's line under the run's KPIs (empty when the dataset has none). */
function backgroundLine(r: Result): string {
  const b = r.background;
  if (!b || (!(b.demand_t ?? 0) && !(b.preload_t ?? 0))) return '';
  return `<div class="muted" data-testid="background-line">Background traffic (not in the trade figures): ${fmtT(b.served_t)} of ${fmtT(b.demand_t)} routed · preloads ${fmtT(b.preload_t)} · system cost ${fmtUsd(r.system_cost_usd)}</div>`;
}

/** The dataset's own capacities (sections, ports, slots): use split into trade, background and preloads. */
function sharedCapacities(r: Result): string {
  const rows = r.resources.filter(x => x.kind === 'resource');
  if (!rows.length) return '';
  return `<h4>Shared capacities</h4><table class="grid" data-testid="shared-table"><thead><tr><th>Capacity</th><th>Trade</th><th>Backgr.</th><th>Preload</th><th>Util.</th><th>Price</th></tr></thead><tbody>
    ${rows.map(x => `<tr data-id="${esc(x.element)}"><td>${esc(x.label)}</td><td class="num">${fmtT(x.study_t)}</td><td class="num">${fmtT(x.background_t)}</td><td class="num">${fmtT(x.preload_t)}</td><td class="num">${fmtPct(x.utilisation)}</td><td class="num${(x.shadow_price_usd_per_t ?? 0) > 0 ? ' hot' : ''}">${fmtPrice(x.shadow_price_usd_per_t)}</td></tr>`).join('')}
    </tbody></table>`;
}

/** Crossings of the capacitated equilibrium: use, queue in hours, and what the queue costs a tonne. */
export function equilibriumTable(ue: UeResult): string {
  const eq = ue.user_equilibrium;
  const rows = [...ue.crossings].sort((a, b) => (b.queue_h ?? 0) - (a.queue_h ?? 0));
  const cost = (c: UeResult['crossings'][number]) => {
    const v = Object.entries(c.queue_cost_usd_per_t ?? {}).filter(([, x]) => x != null && x > 0) as [string, number][];
    if (!v.length) return '–';
    v.sort((a, b) => a[1] - b[1]);
    const lo = v[0], hi = v[v.length - 1];
    return lo === hi ? `${lo[1].toFixed(1)} (${esc(lo[0])})` : `${lo[1].toFixed(1)} (${esc(lo[0])}) – ${hi[1].toFixed(1)} (${esc(hi[0])})`;
  };
  return `<div class="muted" data-testid="ue-summary">${esc(eq.model)} equilibrium · gap ${eq.relative_gap.toExponential(1)} · certificate ${eq.certificate.passed ? 'passed' : 'FAILED'} · price of anarchy ≥ ${ue.price_of_anarchy_lower_bound?.toFixed(3) ?? '–'}</div>
    <table class="grid" data-testid="ue-table"><thead><tr><th>Crossing</th><th>Flow</th><th>Use</th><th>Queue</th><th>Queue cost USD/t</th></tr></thead><tbody>
    ${rows.map(c => `<tr data-id="${esc(c.id)}"><td>${esc(c.id)}</td><td class="num">${fmtT(c.flow_t)}</td><td class="num">${fmtPct(c.utilisation)}</td><td class="num${c.saturated ? ' hot' : ''}">${fmtH(c.queue_h ?? 0)}</td><td class="num">${cost(c)}</td></tr>`).join('')}
    </tbody></table>`;
}
