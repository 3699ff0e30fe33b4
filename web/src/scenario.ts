// The scenario editor: a form of changes -> TOML text -> validate, save, run.
import { api, ApiError, type Diagnostic, type Scenario } from './api';
import type { App } from './main';
import { esc, fmtT, fmtUsd } from './format';

type RowKind = 'throttle' | 'close' | 'open' | 'set_capacity' | 'scale_demand';
interface Row { kind: RowKind; crossing: string; element: string; factor: string; capacity: string; commodity: string }

const KINDS: [RowKind, string][] = [
  ['throttle', 'Throttle a crossing (capacity × factor)'],
  ['close', 'Close a crossing'],
  ['open', 'Open a crossing'],
  ['set_capacity', 'Set a link/crossing capacity'],
  ['scale_demand', 'Scale demand'],
];

const tomlStr = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
/** A TOML float (always with a fraction or exponent, so it never reads as an integer). */
function tomlFloat(s: string): string {
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) return s.trim() || '""';
  const t = String(v);
  return /[.eE]/.test(t) ? t.replace('e+', 'e') : `${t}.0`;
}

export class ScenarioPanel {
  private rows: Row[] = [];
  private editingId: number | null = null;
  private busy = false;

  constructor(private app: App, private root: HTMLElement) {
    root.innerHTML = `
      <h4>Stored scenarios</h4>
      <ul class="scenario-list" data-testid="scenario-list"><li class="muted">loading…</li></ul>
      <h4 id="sc-form-title">New scenario</h4>
      <div class="form">
        <label>Name <input id="sc-name" data-testid="scenario-name" placeholder="e.g. half-zab" autocomplete="off"></label>
        <label>Description <input id="sc-desc" data-testid="scenario-description" placeholder="optional" autocomplete="off"></label>
        <div id="sc-rows" data-testid="change-rows"></div>
        <div class="row-buttons"><button id="sc-add" class="small" data-testid="add-change">+ Add change</button>
          <button id="sc-new" class="small secondary" data-testid="scenario-new">New scenario</button></div>
        <label>Scenario TOML <span class="muted" id="sc-text-note">(generated from the form; editable)</span>
          <textarea id="sc-text" data-testid="scenario-text" rows="10" spellcheck="false"></textarea></label>
        <div class="row-buttons">
          <button id="sc-validate" data-testid="scenario-validate" class="secondary">Validate</button>
          <button id="sc-save" data-testid="scenario-save" class="secondary">Save</button>
          <button id="sc-run" data-testid="scenario-run">Save &amp; run</button>
        </div>
        <div id="sc-diag" class="diagnostics" data-testid="scenario-diagnostics"></div>
        <div id="sc-result" class="card" data-testid="scenario-run-result" hidden></div>
      </div>`;
    this.q('#sc-add').addEventListener('click', () => { this.rows.push(this.newRow()); this.renderRows(); this.regen(); });
    this.q('#sc-new').addEventListener('click', () => this.reset());
    this.q('#sc-name').addEventListener('input', () => this.regen());
    this.q('#sc-desc').addEventListener('input', () => this.regen());
    this.q('#sc-text').addEventListener('input', () => { this.q('#sc-text-note').textContent = '(edited by hand; changing the form regenerates it)'; });
    this.q('#sc-validate').addEventListener('click', () => this.validate());
    this.q('#sc-save').addEventListener('click', () => this.save().catch(e => this.fail(e, 'saving the scenario')));
    this.q('#sc-run').addEventListener('click', () => this.saveAndRun());
    this.reset();
  }

  private q<T extends HTMLElement = HTMLInputElement>(sel: string): T { return this.root.querySelector(sel) as T; }
  private crossings(): string[] {
    return (this.app.network?.features ?? []).filter(f => f.properties.kind === 'crossing' && f.properties.node).map(f => String(f.properties.id)).sort();
  }
  private links(): string[] {
    return (this.app.network?.features ?? []).filter(f => f.geometry.type === 'LineString').map(f => String(f.properties.id)).sort();
  }
  private commodities(): string[] {
    return [...new Set((this.app.baseline?.result.od ?? []).map(o => o.commodity))].sort();
  }
  private newRow(): Row {
    const first = this.crossings()[0] ?? '';
    return { kind: 'throttle', crossing: first, element: `crossing:${first}`, factor: '0.5', capacity: '', commodity: '' };
  }

  datasetChanged() {
    const xs = this.crossings();
    let changed = false;
    for (const r of this.rows) {
      if (!xs.includes(r.crossing) && xs.length) { r.crossing = xs[0]; changed = true; }
      if (!r.element || r.element === 'crossing:') { r.element = `crossing:${r.crossing}`; changed = true; }
    }
    this.renderRows(); this.renderList();
    if (changed) this.regen();
  }

  reset() {
    this.editingId = null;
    this.q('#sc-name').value = ''; this.q('#sc-desc').value = '';
    this.q('#sc-form-title').textContent = 'New scenario';
    this.rows = [this.newRow()];
    this.q('#sc-diag').innerHTML = '';
    this.renderRows(); this.regen();
  }

  renderList() {
    const ul = this.q<HTMLUListElement>('.scenario-list');
    const list = this.app.scenarios;
    ul.innerHTML = list.length ? list.map(s => `<li data-testid="scenario-item" data-id="${s.id}" data-name="${esc(s.name)}">
      <span class="name">${esc(s.name)}</span>
      <span class="actions"><button class="small secondary" data-act="edit" data-testid="scenario-edit">Edit</button>
      <button class="small" data-act="run" data-testid="scenario-item-run">Run</button>
      <button class="small danger" data-act="delete" title="Delete">×</button></span></li>`).join('')
      : '<li class="muted">no scenarios yet</li>';
    for (const li of ul.querySelectorAll<HTMLLIElement>('li[data-id]')) {
      const s = list.find(x => x.id === Number(li.dataset.id))!;
      li.querySelector('[data-act=edit]')!.addEventListener('click', () => this.load(s).catch(e => this.fail(e, `loading scenario '${s.name}'`)));
      li.querySelector('[data-act=run]')!.addEventListener('click', () => this.run(s));
      li.querySelector('[data-act=delete]')!.addEventListener('click', async () => {
        if (!confirm(`Delete scenario '${s.name}'? Its runs are kept.`)) return;
        try { await api.deleteScenario(s.id); if (this.editingId === s.id) this.reset(); await this.app.refreshScenarios(); }
        catch (e) { this.fail(e, `deleting scenario '${s.name}'`); }
      });
    }
  }

  private renderRows() {
    const box = this.q('#sc-rows');
    const xs = this.crossings(); const ls = this.links(); const cs = this.commodities();
    const opts = (vals: string[], cur: string) => vals.map(v => `<option value="${esc(v)}"${v === cur ? ' selected' : ''}>${esc(v)}</option>`).join('');
    box.innerHTML = this.rows.map((r, i) => `
      <div class="change-row" data-testid="change-row" data-index="${i}">
        <select data-f="kind" data-testid="change-type">${KINDS.map(([k, l]) => `<option value="${k}"${k === r.kind ? ' selected' : ''}>${l}</option>`).join('')}</select>
        ${r.kind === 'throttle' || r.kind === 'close' || r.kind === 'open' ? `<select data-f="crossing" data-testid="change-crossing">${opts(xs, r.crossing)}</select>` : ''}
        ${r.kind === 'set_capacity' ? `<select data-f="element" data-testid="change-element"><optgroup label="Crossings">${opts(xs.map(x => `crossing:${x}`), r.element)}</optgroup><optgroup label="Links">${opts(ls.map(x => `link:${x}`), r.element)}</optgroup></select>
          <input data-f="capacity" data-testid="change-capacity" placeholder="t/year or unlimited" value="${esc(r.capacity)}">` : ''}
        ${r.kind === 'throttle' || r.kind === 'scale_demand' ? `<label class="inline">factor <input data-f="factor" data-testid="change-factor" type="number" step="0.05" min="0" value="${esc(r.factor)}"></label>` : ''}
        ${r.kind === 'scale_demand' ? `<select data-f="commodity" data-testid="change-commodity"><option value="">all commodities</option>${opts(cs, r.commodity)}</select>` : ''}
        <button class="small danger" data-f="remove" data-testid="change-remove" title="Remove this change">×</button>
      </div>`).join('') || '<div class="muted">No changes: the scenario equals the baseline.</div>';
    for (const rowEl of box.querySelectorAll<HTMLElement>('.change-row')) {
      const r = this.rows[Number(rowEl.dataset.index)];
      for (const inp of rowEl.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-f]')) {
        const f = inp.dataset.f!;
        if (f === 'remove') { inp.addEventListener('click', () => { this.rows.splice(this.rows.indexOf(r), 1); this.renderRows(); this.regen(); }); continue; }
        inp.addEventListener(inp.tagName === 'SELECT' ? 'change' : 'input', () => {
          (r as any)[f] = inp.value;
          if (f === 'kind') {
            if (r.kind === 'set_capacity' && !r.element) r.element = `crossing:${r.crossing}`;
            if (r.kind === 'scale_demand' && !r.factor) r.factor = '1.1';
            this.renderRows();
          }
          this.regen();
        });
      }
    }
  }

  /** The scenario text of the form. */
  toml(): string {
    const name = this.q('#sc-name').value.trim(); const desc = this.q('#sc-desc').value.trim();
    let t = `name = ${tomlStr(name)}\n`;
    if (desc) t += `description = ${tomlStr(desc)}\n`;
    for (const r of this.rows) {
      t += '\n[[change]]\n';
      if (r.kind === 'throttle') t += `type = "scale_capacity"\nelement = ${tomlStr(`crossing:${r.crossing}`)}\nfactor = ${tomlFloat(r.factor)}\n`;
      if (r.kind === 'close') t += `type = "close_crossing"\ncrossing = ${tomlStr(r.crossing)}\n`;
      if (r.kind === 'open') t += `type = "open_crossing"\ncrossing = ${tomlStr(r.crossing)}\n`;
      if (r.kind === 'set_capacity') t += `type = "set_capacity"\nelement = ${tomlStr(r.element)}\ncapacity_t_per_year = ${r.capacity.trim() === 'unlimited' ? '"unlimited"' : tomlFloat(r.capacity)}\n`;
      if (r.kind === 'scale_demand') t += `type = "scale_demand"\nfactor = ${tomlFloat(r.factor)}\n${r.commodity ? `commodity = ${tomlStr(r.commodity)}\n` : ''}`;
    }
    return t;
  }

  private regen() {
    this.q<HTMLTextAreaElement>('#sc-text').value = this.toml();
    this.q('#sc-text-note').textContent = '(generated from the form; editable)';
  }

  /** Loads a stored scenario: its text, and the form when the form can express it. */
  private async load(s: Scenario) {
    const full = await api.scenario(s.id);
    this.editingId = full.id;
    this.q('#sc-form-title').textContent = `Editing '${full.name}' (#${full.id})`;
    this.q('#sc-name').value = full.name;
    const text = full.text ?? '';
    const desc = text.match(/^description\s*=\s*"((?:[^"\\]|\\.)*)"/m);
    this.q('#sc-desc').value = desc ? desc[1].replace(/\\(.)/g, '$1') : '';
    const rows = parseRows(text);
    this.rows = rows ?? [];
    this.renderRows();
    this.q<HTMLTextAreaElement>('#sc-text').value = text;
    this.q('#sc-text-note').textContent = rows ? '(stored text; changing the form regenerates it)' : '(stored text: the form cannot show all its changes; edit the text)';
    this.q('#sc-diag').innerHTML = '';
  }

  private text(): string { return this.q<HTMLTextAreaElement>('#sc-text').value; }

  private showDiagnostics(valid: boolean, diags: Diagnostic[], okText = 'Valid scenario.') {
    const box = this.q('#sc-diag');
    box.dataset.valid = String(valid);
    box.innerHTML = (valid ? `<div class="ok">✓ ${esc(okText)}</div>` : `<div class="bad">✗ The scenario has errors.</div>`) +
      (diags.length ? `<ul>${diags.map(d => `<li class="diag ${esc(d.severity)}" data-testid="diagnostic"><b>${esc(d.severity)}</b>${d.line ? ` line ${d.line}` : ''}${d.field ? ` (${esc(d.field)})` : ''}: ${esc(d.message)}</li>`).join('')}</ul>` : '');
  }

  private fail(e: unknown, doing: string) {
    if (e instanceof ApiError && e.code === 'invalid_input') this.showDiagnostics(false, e.details);
    else if (e instanceof ApiError) this.q('#sc-diag').innerHTML = `<div class="bad">✗ ${esc(e.message)} <span class="muted">(${esc(e.code)})</span></div>`;
    this.app.error(e, doing);
  }

  private async validate() {
    try {
      const r = await api.validate(this.app.dataset.id, this.text());
      this.showDiagnostics(r.valid, r.diagnostics);
    } catch (e) { this.fail(e, 'validating the scenario'); }
  }

  private async save(): Promise<Scenario> {
    const name = this.q('#sc-name').value.trim() || this.text().match(/^name\s*=\s*"([^"]*)"/m)?.[1] || '';
    if (!name) throw new Error('give the scenario a name');
    const s = this.editingId != null
      ? await api.updateScenario(this.editingId, name, this.text())
      : await api.createScenario(this.app.dataset.id, name, this.text());
    this.editingId = s.id;
    this.q('#sc-form-title').textContent = `Editing '${s.name}' (#${s.id})`;
    this.showDiagnostics(true, s.warnings ?? [], `Saved as scenario #${s.id} '${s.name}'.`);
    await this.app.refreshScenarios();
    return s;
  }

  private async saveAndRun() {
    let s: Scenario;
    try { s = await this.save(); } catch (e) { this.fail(e, 'saving the scenario'); return; }
    await this.run(s);
  }

  async run(s: Scenario) {
    if (this.busy) return;
    this.busy = true;
    const out = this.q('#sc-result');
    try {
      let run = await api.startSolve(this.app.dataset.id, s.id);
      out.hidden = false; out.dataset.status = run.status;
      out.innerHTML = `Run #${run.id} of '${esc(s.name)}' started…`;
      run = await this.app.watch(run, s.name);
      out.dataset.status = run.status; out.dataset.runId = String(run.id);
      if (run.status !== 'finished') {
        out.innerHTML = `Run #${run.id} of '${esc(s.name)}' ${esc(run.status)}${run.error ? `: ${esc(run.error.message)}` : ''}.`;
        return;
      }
      const shown = await this.app.showRun(run);
      const t = shown.result.totals; const b = this.app.baseline?.result.totals;
      const d = b ? t.generalised_cost_usd - b.generalised_cost_usd : null;
      out.innerHTML = `<b>Run #${run.id} of '${esc(s.name)}' finished</b> (${esc(shown.result.solve?.status ?? '')}).<br>
        Generalised cost ${fmtUsd(t.generalised_cost_usd)}${d != null ? ` (${d >= 0 ? '+' : '−'}${fmtUsd(Math.abs(d))} vs baseline)` : ''} · unserved ${fmtT(t.unserved_t)}<br>
        <button class="small secondary" id="sc-compare" data-testid="scenario-compare">Compare with baseline</button>`;
      out.querySelector('#sc-compare')!.addEventListener('click', () => {
        const ids = [this.app.baseline?.run.id, run.id].filter((x): x is number => x != null);
        this.app.tab('compare');
        this.app.comparePanel.compare(ids);
      });
    } catch (e) {
      this.fail(e, `running scenario '${s.name}'`);
    } finally { this.busy = false; }
  }
}

/** The form rows of a scenario text, or null when it has changes the form cannot show. */
function parseRows(text: string): Row[] | null {
  // Dated events and the simulated period have no form rows: keep the text as it is.
  if (/^\s*\[\[event\]\]|^\s*\[simulation/m.test(text)) return null;
  const blocks = text.split(/^\s*\[\[change\]\]\s*$/m).slice(1);
  const rows: Row[] = [];
  for (const b of blocks) {
    const kv: Record<string, string> = {};
    for (const line of b.split('\n')) {
      const m = line.replace(/#.*$/, '').match(/^\s*([A-Za-z_]+)\s*=\s*(.+?)\s*$/);
      if (m) kv[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
    }
    const row: Row = { kind: 'throttle', crossing: '', element: '', factor: kv.factor ?? '', capacity: kv.capacity_t_per_year ?? '', commodity: kv.commodity ?? '' };
    const keys = Object.keys(kv).sort().join(',');
    if (kv.type === 'scale_capacity' && kv.element?.startsWith('crossing:') && keys === 'element,factor,type') { row.crossing = kv.element.slice(9); }
    else if ((kv.type === 'close_crossing' || kv.type === 'open_crossing') && keys === 'crossing,type') { row.kind = kv.type === 'close_crossing' ? 'close' : 'open'; row.crossing = kv.crossing; }
    else if (kv.type === 'set_capacity' && keys === 'capacity_t_per_year,element,type') { row.kind = 'set_capacity'; row.element = kv.element; }
    else if (kv.type === 'scale_demand' && (keys === 'factor,type' || keys === 'commodity,factor,type')) { row.kind = 'scale_demand'; }
    else return null;
    rows.push(row);
  }
  return rows;
}
