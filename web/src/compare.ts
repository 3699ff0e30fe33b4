// The run list and the comparison of finished solve runs.
import * as Plot from '@observablehq/plot';
import { api, type Compare } from './api';
import type { App } from './main';
import { esc, fmtUnit, fmtUsd } from './format';
import { showAnyRun } from './runviews';

const KPI_LABEL: Record<string, string> = {
  generalised_cost_usd: 'Generalised cost', money_usd: 'Money cost', time_value_usd: 'Time value',
  unserved_penalty_usd: 'Unserved penalty', served_t: 'Served', unserved_t: 'Unserved', demand_t: 'Demand',
  avg_transit_time_h: 'Avg transit time', tonne_km: 'Tonne-km',
};

export class ComparePanel {
  private selected = new Set<number>();

  constructor(private app: App, private root: HTMLElement) {
    root.innerHTML = `
      <h4>Runs <button class="small secondary" id="cmp-refresh" data-testid="runs-refresh">Refresh</button></h4>
      <div class="run-list" data-testid="run-list"></div>
      <div class="row-buttons"><button id="cmp-go" data-testid="compare-button" disabled>Compare selected</button>
        <span class="muted" id="cmp-hint">Tick two or more finished solve runs; the first ticked (oldest) is the reference.</span></div>
      <div id="run-view" data-testid="run-view"></div>
      <div id="cmp-out"></div>`;
    this.root.querySelector('#cmp-refresh')!.addEventListener('click', () => app.refreshRuns().catch(e => app.error(e, 'listing the runs')));
    this.root.querySelector('#cmp-go')!.addEventListener('click', () => this.compare([...this.selected].sort((a, b) => a - b)));
  }

  renderRuns() {
    const box = this.root.querySelector('.run-list')!;
    const runs = this.app.runs;
    const known = new Set(runs.map(r => r.id));
    for (const id of [...this.selected]) if (!known.has(id)) this.selected.delete(id);
    box.innerHTML = runs.length ? `<table class="grid runs"><thead><tr><th></th><th>Run</th><th>Scenario</th><th>Status</th><th>Gen. cost</th><th></th></tr></thead><tbody>${runs.map(r => {
      const ok = r.status === 'finished' && r.kind === 'solve';
      return `<tr data-testid="run-row" data-run-id="${r.id}" data-status="${esc(r.status)}" data-scenario="${esc(this.app.runLabel(r))}">
        <td><input type="checkbox" data-testid="run-checkbox" value="${r.id}"${ok ? '' : ' disabled'}${this.selected.has(r.id) ? ' checked' : ''}></td>
        <td>#${r.id} <span class="muted">${esc(r.kind)}</span></td><td>${esc(this.app.runLabel(r))}</td>
        <td class="st ${esc(r.status)}" title="${esc(r.error?.message ?? r.stage ?? '')}">${esc(r.status)}${r.status === 'running' ? ` ${Math.round((r.progress ?? 0) * 100)}%` : ''}</td>
        <td class="num">${r.summary ? fmtUsd(r.summary.generalised_cost_usd) : '–'}</td>
        <td>${r.status === 'finished' ? `<button class="small secondary" data-show="${r.id}" data-testid="run-show" data-kind="${esc(r.kind)}">Show</button>` : ''}</td></tr>`;
    }).join('')}</tbody></table>` : '<div class="muted">No runs yet.</div>';
    for (const cb of box.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      cb.addEventListener('change', () => { if (cb.checked) this.selected.add(Number(cb.value)); else this.selected.delete(Number(cb.value)); this.updateButton(); });
    }
    for (const b of box.querySelectorAll<HTMLButtonElement>('[data-show]')) {
      b.addEventListener('click', () => {
        const run = runs.find(r => r.id === Number(b.dataset.show))!;
        showAnyRun(this.app, run, this.root.querySelector('#run-view') as HTMLElement).catch(e => this.app.error(e, `showing run ${run.id}`));
      });
    }
    this.updateButton();
  }

  private updateButton() {
    (this.root.querySelector('#cmp-go') as HTMLButtonElement).disabled = this.selected.size < 2;
  }

  async compare(ids: number[]) {
    const out = this.root.querySelector('#cmp-out') as HTMLElement;
    for (const id of ids) this.selected.add(id);
    this.renderRuns();
    out.innerHTML = '<div class="muted">Comparing…</div>';
    let cmp: Compare;
    try { cmp = await api.compare(ids); } catch (e) {
      out.innerHTML = `<div class="bad">The comparison failed: ${esc((e as Error).message)}</div>`;
      this.app.error(e, `comparing runs ${ids.join(', ')}`);
      return;
    }
    const n = cmp.runs.length;
    out.innerHTML = `
      <h4>Key figures <span class="muted">(Δ against #${cmp.runs[0].id})</span></h4>
      <div class="table-wrap"><table class="grid compare" data-testid="compare-table"><thead><tr><th></th>
        ${cmp.runs.map(r => `<th data-testid="compare-run-header" data-run-id="${r.id}">#${r.id} ${esc(r.scenario)}</th>`).join('')}</tr></thead>
      <tbody>${cmp.kpis.map(k => `<tr data-kpi="${esc(k.name)}"><th>${esc(KPI_LABEL[k.name] ?? k.name)}</th>${k.values.map((v, i) => {
        const d = k.deltas?.[i];
        return `<td class="num">${fmtUnit(v, k.unit)}${i > 0 ? `<br><span class="delta ${d != null && d > 0 ? 'up' : d != null && d < 0 ? 'down' : ''}" data-testid="compare-delta" data-value="${d ?? ''}">${d == null ? '–' : (d > 0 ? '+' : d < 0 ? '−' : '±') + fmtUnit(Math.abs(d), k.unit)}</span>` : ''}</td>`;
      }).join('')}</tr>`).join('')}</tbody></table></div>
      <h4>Crossings <select id="cmp-metric" data-testid="compare-chart-metric"><option value="util">utilisation</option><option value="flow">flow (Mt/year)</option></select></h4>
      <div class="chart" data-testid="compare-chart"></div>
      <h4>Flow differences on the map</h4>
      <div class="row-buttons">${n > 2 ? `<label>Run <select id="cmp-diff-run" data-testid="compare-diff-run">${cmp.runs.slice(1).map((r, i) => `<option value="${i + 1}">#${r.id} ${esc(r.scenario)}</option>`).join('')}</select></label>` : ''}
        <button class="small secondary" id="cmp-diff" data-testid="compare-diff-map">Show difference map</button></div>`;
    const chartBox = out.querySelector('.chart') as HTMLElement;
    const metricSel = out.querySelector('#cmp-metric') as HTMLSelectElement;
    this.drawChart(chartBox, cmp, 'util');
    metricSel.addEventListener('change', () => this.drawChart(chartBox, cmp, metricSel.value as 'util' | 'flow'));
    const idx = () => Number((out.querySelector('#cmp-diff-run') as HTMLSelectElement | null)?.value ?? 1);
    out.querySelector('#cmp-diff')!.addEventListener('click', () => this.app.map.showDiff(cmp, idx()));
    out.querySelector('#cmp-diff-run')?.addEventListener('change', () => this.app.map.showDiff(cmp, idx()));
    this.app.map.showDiff(cmp, n > 1 ? n - 1 : 0);
    out.querySelector<HTMLSelectElement>('#cmp-diff-run')?.setAttribute('value', String(n - 1));
    const sel = out.querySelector<HTMLSelectElement>('#cmp-diff-run'); if (sel) sel.value = String(n - 1);
  }

  private drawChart(box: HTMLElement, cmp: Compare, metric: 'util' | 'flow') {
    const label = (i: number) => `#${cmp.runs[i].id} ${cmp.runs[i].scenario}`;
    const keep = cmp.crossings.filter(c => c.flow_t.some(f => f > 0) || c.utilisation.some(u => (u ?? 0) > 0));
    const data = keep.flatMap(c => cmp.runs.map((_, i) => ({
      crossing: c.id, run: label(i), util: c.utilisation[i] ?? 0, flow: c.flow_t[i], price: c.shadow_price_usd_per_t[i] ?? 0,
    })));
    const order = [...keep].sort((a, b) => Math.max(...b.flow_t) - Math.max(...a.flow_t)).map(c => c.id);
    const maxU = Math.max(1, ...data.map(d => d.util));
    const maxF = Math.max(1, ...data.map(d => d.flow / 1e6));
    const isU = metric === 'util';
    const width = Math.max(300, box.clientWidth || 380);
    const chart = Plot.plot({
      width, height: 40 + order.length * (8 + 9 * cmp.runs.length), marginLeft: 118, marginRight: 12,
      style: { fontSize: '11px', background: 'transparent' },
      x: isU ? { domain: [0, maxU * 100], percent: true, label: 'utilisation (%)', grid: true } : { domain: [0, maxF], label: 'flow (Mt/year)', grid: true },
      y: { axis: null, domain: cmp.runs.map((_, i) => label(i)) },
      fy: { domain: order, label: null, axis: 'left', padding: 0.15 },
      color: { legend: true, domain: cmp.runs.map((_, i) => label(i)), range: ['#8a9bb0', '#d6452b', '#1f6fb4', '#2ea043', '#b5793a', '#7a4fa0'] },
      marks: [
        Plot.barX(data, { fy: 'crossing', y: 'run', x: isU ? 'util' : (d: any) => d.flow / 1e6, fill: 'run',
          title: (d: any) => `${d.crossing} · ${d.run}\nutilisation ${(d.util * 100).toFixed(1)} %\nflow ${(d.flow / 1e6).toFixed(2)} Mt\nshadow price ${d.price.toFixed(2)} USD/t` }),
        ...(isU ? [Plot.ruleX([1], { stroke: '#d6452b', strokeDasharray: '3 3' })] : []),
        Plot.ruleX([0]),
      ],
    });
    box.innerHTML = '';
    box.append(chart);
    box.dataset.bars = String(data.length);
  }
}
