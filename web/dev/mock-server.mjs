// Mock of the `corridor serve` HTTP API (docs/http_api.md), for developing and testing
// the web page without the real server. Development only: no dependencies, in-memory.
//
//   node dev/mock-server.mjs [--port 8090] [--web dist] [--run-ms 2500] [--with-baseline]
//
// Prints `corridor serve: listening on http://127.0.0.1:<port>` when ready, like the
// real server. Runs are simulated: a solve takes --run-ms milliseconds and its result
// is the fixture result with the scenario's crossing changes applied crudely.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const port = Number(opt('--port', '8090'));
const webDir = opt('--web', null) ? path.resolve(opt('--web')) : null;
const runMs = Number(opt('--run-ms', '2500'));
const fx = f => JSON.parse(fs.readFileSync(path.join(here, 'fixtures', f), 'utf8'));

const network = fx('network.json');
const baseResult = fx('result.json');
const baseFlows = fx('flows.geojson');
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

const dataset = { id: 1, name: 'china-russia-2022', content_hash: '2d36f5b9c08fb21f', reference_year: 2022,
  source_folder: 'data/china-russia-2022', imported_at: now() };
const crossingIds = new Set(network.features.filter(f => f.properties.node).map(f => f.properties.id));
const linkIds = new Set(network.features.filter(f => f.geometry.type === 'LineString').map(f => f.properties.id));
const commodityIds = new Set(baseResult.od.map(o => o.commodity));

let nextScenario = 1;
const scenarios = new Map();
let nextRun = 1;
const runs = new Map(); // id -> {run, result, flows, compare}

function hash(s) { let h = 0x811c9dc5; for (const c of s) { h ^= c.charCodeAt(0); h = Math.imul(h, 0x01000193) >>> 0; } return h.toString(16).padStart(8, '0'); }

// --- a tiny TOML subset reader for scenario files: key = value and [[change]] ---
function parseScenario(text, file) {
  const diags = []; const top = {}; const changes = []; let cur = top;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    if (line === '[[change]]') { cur = { _line: i + 1 }; changes.push(cur); return; }
    const m = line.match(/^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/);
    if (!m) { diags.push({ severity: 'error', file, line: i + 1, field: '', message: `bad TOML: cannot read '${line}'` }); return; }
    let v = m[2].trim();
    if (/^".*"$/.test(v)) v = v.slice(1, -1);
    else if (v === 'true' || v === 'false') v = v === 'true';
    else if (!Number.isNaN(Number(v))) v = Number(v);
    else { diags.push({ severity: 'error', file, line: i + 1, field: m[1], message: `bad TOML value '${v}'` }); return; }
    cur[m[1]] = v; cur['_line_' + m[1]] = i + 1;
  });
  const need = { close_crossing: ['crossing'], open_crossing: ['crossing'], set_crossing_state: ['crossing', 'fraction'],
    scale_capacity: ['element', 'factor'], set_capacity: ['element', 'capacity_t_per_year'], scale_demand: ['factor'],
    add_link: ['id', 'from', 'to', 'mode'], remove_link: ['link'], set_dwell: ['crossing', 'dwell_standard_h'],
    scale_dwell: ['crossing', 'factor'], scale_cost: ['element', 'factor'], set_aeo_share: ['commodity', 'share'] };
  changes.forEach((c, k) => {
    const at = (f) => ({ file, line: c['_line_' + f] ?? c._line, field: f });
    if (!(c.type in need)) { diags.push({ severity: 'error', ...at('type'), message: `change ${k + 1}: unknown type '${c.type ?? ''}'` }); return; }
    for (const f of need[c.type]) if (!(f in c)) diags.push({ severity: 'error', ...at('type'), field: f, message: `change ${k + 1} (${c.type}): missing field '${f}'` });
    if ('factor' in c && !(typeof c.factor === 'number' && c.factor >= 0)) diags.push({ severity: 'error', ...at('factor'), message: `must be >= 0, got ${c.factor}` });
    if ('crossing' in c && c.crossing !== '*' && !crossingIds.has(c.crossing)) diags.push({ severity: 'error', ...at('crossing'), message: `change ${k + 1} (${c.type}): unknown crossing '${c.crossing}'` });
    if ('element' in c) {
      const [kind, id] = String(c.element).split(':');
      const ok = id === '*' || (kind === 'crossing' && crossingIds.has(id)) || (kind === 'link' && linkIds.has(id)) || kind === 'transfer';
      if (!ok) diags.push({ severity: 'error', ...at('element'), message: `change ${k + 1} (${c.type}): unknown element '${c.element}'` });
    }
    if ('commodity' in c && c.commodity !== '*' && !commodityIds.has(c.commodity)) diags.push({ severity: 'error', ...at('commodity'), message: `change ${k + 1} (${c.type}): unknown commodity '${c.commodity}'` });
    for (const key of Object.keys(c)) if (!key.startsWith('_') && !['type', ...need[c.type], 'commodity', 'origin', 'destination', 'which', 'dwell_aeo_h'].includes(key))
      diags.push({ severity: 'warning', ...at(key), message: `unknown key '${key}'` });
  });
  return { top, changes, diags };
}

function err(res, status, code, message, details) {
  send(res, status, { error: { code, message, ...(details ? { details } : {}) } });
}
function send(res, status, body, type = 'application/json') {
  const data = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(data);
}
const scenarioOut = (s, withText) => { const o = { ...s }; if (!withText) delete o.text; return o; };

function storeScenario(res, body, existing) {
  const name = body.name ?? existing?.name; const text = body.text ?? existing?.text;
  if (typeof name !== 'string' || !name) return err(res, 400, 'bad_request', "missing field 'name'");
  if (typeof text !== 'string') return err(res, 400, 'bad_request', "missing field 'text'");
  const { diags } = parseScenario(text, `${name}.toml`);
  const errors = diags.filter(d => d.severity === 'error');
  if (errors.length) return err(res, 422, 'invalid_input', `scenario '${name}': ${errors.length} error${errors.length > 1 ? 's' : ''}`, errors);
  for (const s of scenarios.values()) if (s.name === name && s !== existing) return err(res, 409, 'conflict', `a scenario named '${name}' already exists in dataset 1`);
  const t = now();
  const s = existing ?? { id: nextScenario++, dataset_id: 1, created_at: t };
  Object.assign(s, { name, text, content_hash: hash(text), updated_at: t, warnings: diags.filter(d => d.severity === 'warning') });
  scenarios.set(s.id, s);
  return send(res, existing ? 200 : 201, scenarioOut(s, true));
}

function simulate(scenario) {
  const result = structuredClone(baseResult);
  const flows = structuredClone(baseFlows);
  result.run.scenario = { name: scenario ? scenario.name : 'baseline', file: scenario ? scenario.name + '.toml' : '', hash_fnv1a64: scenario ? scenario.content_hash : '' };
  if (!scenario) return { result, flows };
  const { changes } = parseScenario(scenario.text, scenario.name + '.toml');
  const cx = new Map(result.crossings.map(c => [c.id, c]));
  const base = new Map(baseResult.crossings.map(c => [c.id, c]));
  let extraCost = 0; let demandFactor = 1;
  const targets = (id) => (id === '*' ? [...cx.keys()] : [id]);
  for (const c of changes) {
    if (c.type === 'close_crossing') for (const id of targets(c.crossing)) { const x = cx.get(id); if (x) { x.capacity_t = 0; x.open_fraction = 0; } }
    if (c.type === 'open_crossing') for (const id of targets(c.crossing)) { const x = cx.get(id); if (x && x.capacity_t != null && x.open_fraction > 0) { x.capacity_t /= x.open_fraction; x.open_fraction = 1; } }
    if ((c.type === 'scale_capacity' || c.type === 'set_capacity') && String(c.element).startsWith('crossing:')) {
      for (const id of targets(String(c.element).slice(9))) {
        const x = cx.get(id); if (!x) continue;
        if (c.type === 'scale_capacity' && x.capacity_t != null) x.capacity_t *= c.factor;
        if (c.type === 'set_capacity') x.capacity_t = c.capacity_t_per_year === 'unlimited' ? null : c.capacity_t_per_year;
      }
    }
    if (c.type === 'scale_demand' && !c.commodity) demandFactor *= c.factor;
  }
  for (const x of cx.values()) {
    const b = base.get(x.id);
    x.flow_t = x.capacity_t == null ? b.flow_t : Math.min(b.flow_t, x.capacity_t);
    x.utilisation = x.capacity_t ? x.flow_t / x.capacity_t : (x.capacity_t === 0 ? null : 0);
    const lost = b.flow_t - x.flow_t;
    if (lost > 0) { extraCost += lost * Math.max(30, b.shadow_price_usd_per_t) * 1.5; x.shadow_price_usd_per_t = Math.max(b.shadow_price_usd_per_t, 30) * 1.5; }
    // scale the links at the crossing's node by the flow ratio
    const ratio = b.flow_t > 0 ? x.flow_t / b.flow_t : 1;
    if (ratio !== 1) for (const f of flows.features) {
      const p = f.properties;
      if (f.geometry.type === 'LineString' && (p.from === x.node || p.to === x.node) && x.id.toLowerCase().includes(p.mode.slice(0, 3))) {
        for (const k of ['flow_forward_t', 'flow_backward_t', 'flow_total_t']) p[k] *= ratio;
        p.max_utilisation = (p.max_utilisation ?? 0) * ratio;
      }
    }
    for (const f of flows.features) if (f.geometry.type === 'Point' && f.properties.id === x.node && x.id === [...cx.values()].find(y => y.node === x.node).id) {
      f.properties.crossing_flow_t = x.flow_t;
    }
  }
  result.bottlenecks = result.bottlenecks.filter(bn => bn.kind !== 'crossing' || (cx.get(bn.element)?.utilisation ?? 0) >= 0.999);
  const t = result.totals;
  t.generalised_cost_usd = t.generalised_cost_usd * demandFactor + extraCost;
  t.money_usd = t.money_usd * demandFactor + extraCost * 0.8;
  t.time_value_usd = t.time_value_usd * demandFactor + extraCost * 0.2;
  for (const k of ['demand_t', 'served_t', 'served_value_usd', 'tonne_km']) t[k] *= demandFactor;
  if (extraCost > 0) t.avg_transit_time_h *= 1.04;
  return { result, flows };
}

function startRun(res, body) {
  if (!body || !['solve', 'assign', 'compare'].includes(body.kind)) return err(res, 400, 'bad_request', "field 'kind' must be one of solve, assign, compare");
  if (body.dataset_id !== 1) return err(res, 404, 'not_found', `no dataset ${body.dataset_id}`);
  for (const k of Object.keys(body.options ?? {})) if (!['method', 'ranging', 'time_limit_s', 'check', 'gap', 'max_iterations'].includes(k)) return err(res, 400, 'bad_request', `unknown option '${k}'`);
  let scenario = null;
  if (body.scenario_id != null && body.scenario_id !== 0) {
    scenario = scenarios.get(body.scenario_id);
    if (!scenario) return err(res, 404, 'not_found', `no scenario ${body.scenario_id}`);
  }
  const t = now();
  const run = { id: nextRun++, kind: body.kind, status: 'queued', progress: 0, stage: 'queued', dataset_id: 1,
    dataset_hash: dataset.content_hash, scenario_ids: scenario ? [scenario.id] : [], scenario_hashes: scenario ? scenario.content_hash : '',
    options: body.options ?? {}, program_version: '0.1.0 (mock)', seed: 0, created_at: t, started_at: '', finished_at: '',
    wall_seconds: 0, error: null, summary: null, artifacts: [] };
  const entry = { run, scenario, started: Date.now() };
  runs.set(run.id, entry);
  entry.timer = setInterval(() => tick(entry), 200);
  return send(res, 202, run);
}

function tick(e) {
  const r = e.run;
  if (r.status !== 'queued' && r.status !== 'running') { clearInterval(e.timer); return; }
  const p = Math.min(1, (Date.now() - e.started) / runMs);
  if (p > 0.1 && r.status === 'queued') { r.status = 'running'; r.started_at = now(); }
  r.progress = Math.round(p * 100) / 100;
  r.stage = p < 0.3 ? 'preparing' : p < 0.8 ? 'solving' : 'checking';
  if (p >= 1) {
    clearInterval(e.timer);
    const scen = e.scenario ? scenarios.get(e.scenario.id) ?? e.scenario : null;
    const { diags } = scen ? parseScenario(scen.text, scen.name + '.toml') : { diags: [] };
    const errors = diags.filter(d => d.severity === 'error');
    r.finished_at = now(); r.wall_seconds = runMs / 1000;
    if (errors.length) { r.status = 'failed'; r.error = { code: 'invalid_input', message: `scenario '${scen.name}': ${errors.length} error(s)`, details: errors }; return; }
    Object.assign(e, simulate(scen));
    const t = e.result.totals;
    r.status = 'finished'; r.progress = 1; r.stage = 'done';
    r.summary = { generalised_cost_usd: t.generalised_cost_usd, served_t: t.served_t, unserved_t: t.unserved_t, avg_transit_time_h: t.avg_transit_time_h, solve_status: 'optimal' };
    r.artifacts = ['result.json', 'flows.geojson', 'summary.txt'];
  }
}

function compare(res, ids) {
  const es = ids.map(id => runs.get(id));
  const missing = ids.find((id, i) => !es[i]);
  if (missing !== undefined) return err(res, 404, 'not_found', `no run ${missing}`);
  const unf = es.find(e => e.run.status !== 'finished');
  if (unf) return err(res, 409, 'conflict', `run ${unf.run.id} is ${unf.run.status}, not finished`);
  if (es.length < 2) return err(res, 400, 'bad_request', 'give at least two runs: runs=a,b');
  const name = e => (e.scenario ? e.scenario.name : 'baseline');
  const kpi = (k, unit) => { const v = es.map(e => e.result.totals[k]); return { name: k, unit, values: v, deltas: v.map(x => x - v[0]) }; };
  const kpis = [kpi('generalised_cost_usd', 'USD'), kpi('money_usd', 'USD'), kpi('time_value_usd', 'USD'), kpi('served_t', 't'), kpi('unserved_t', 't'), kpi('avg_transit_time_h', 'h'), kpi('tonne_km', 'tkm')];
  const crossings = es[0].result.crossings.map(c0 => {
    const cs = es.map(e => e.result.crossings.find(c => c.id === c0.id));
    return { id: c0.id, node: c0.node, capacity_t: cs.map(c => c.capacity_t), flow_t: cs.map(c => c.flow_t), utilisation: cs.map(c => c.utilisation), shadow_price_usd_per_t: cs.map(c => c.shadow_price_usd_per_t) };
  });
  const features = es[0].flows.features.filter(f => f.geometry.type === 'LineString').map(f0 => {
    const vals = es.map(e => e.flows.features.find(f => f.properties.id === f0.properties.id && f.geometry.type === 'LineString')?.properties.flow_total_t ?? 0);
    return { type: 'Feature', geometry: f0.geometry, properties: { id: f0.properties.id, mode: f0.properties.mode, flow_total_t: vals, delta_t: vals.map(v => v - vals[0]) } };
  });
  send(res, 200, { runs: es.map(e => ({ id: e.run.id, scenario: name(e) })), kpis, crossings, link_differences: { type: 'FeatureCollection', features } });
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon' };
function serveStatic(req, res, pathname) {
  if (!webDir) return err(res, 404, 'not_found', `no route ${pathname}`);
  const rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  const file = path.resolve(webDir, '.' + rel);
  if (!file.startsWith(webDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return err(res, 404, 'not_found', `no file ${pathname}`);
  send(res, 200, fs.readFileSync(file), MIME[path.extname(file)] ?? 'application/octet-stream');
}

async function readBody(req) {
  const chunks = []; for await (const c of req) chunks.push(c);
  const s = Buffer.concat(chunks).toString('utf8');
  if (!s) return undefined;
  return JSON.parse(s);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const p = url.pathname; const m = req.method;
  if (!p.startsWith('/v1/')) return serveStatic(req, res, p);
  let body;
  if (m === 'POST' || m === 'PUT') {
    try { body = await readBody(req); } catch (e) { return err(res, 400, 'invalid_json', `the body is not JSON: ${e.message}`); }
  }
  let g;
  const route = (method, re) => { const r = p.match(re); if (r && method === m) { g = r; return true; } return false; };
  try {
    if (route('GET', /^\/v1\/health$/)) return send(res, 200, { status: 'ok', version: '0.1.0 (mock)', schema_version: 2, auth: 'off', jobs: { running: 0, queued: 0, workers: 2 } });
    if (route('GET', /^\/v1\/me$/)) return send(res, 200, { user_id: 0, name: 'local', role: 'admin', credential: 'local', auth: 'off' });
    if (route('GET', /^\/v1\/datasets$/)) return send(res, 200, { datasets: [dataset] });
    if (route('GET', /^\/v1\/datasets\/(\d+)$/)) return Number(g[1]) === 1 ? send(res, 200, dataset) : err(res, 404, 'not_found', `no dataset ${g[1]}`);
    if (route('GET', /^\/v1\/datasets\/(\d+)\/network$/)) return Number(g[1]) === 1 ? send(res, 200, network, 'application/geo+json') : err(res, 404, 'not_found', `no dataset ${g[1]}`);
    if (route('GET', /^\/v1\/scenarios$/)) {
      const ds = url.searchParams.get('dataset');
      if (ds !== null && !/^\d+$/.test(ds)) return err(res, 400, 'bad_request', `query parameter 'dataset' must be an integer, got '${ds}'`);
      return send(res, 200, { scenarios: [...scenarios.values()].filter(s => ds === null || Number(ds) === s.dataset_id).map(s => scenarioOut(s, false)) });
    }
    if (route('POST', /^\/v1\/scenarios$/)) {
      if (body?.dataset_id !== 1) return err(res, 404, 'not_found', `no dataset ${body?.dataset_id}`);
      return storeScenario(res, body ?? {}, null);
    }
    if (route('POST', /^\/v1\/scenarios\/validate$/)) {
      if (typeof body?.text !== 'string') return err(res, 400, 'bad_request', "missing field 'text'");
      const { diags } = parseScenario(body.text, 'scenario.toml');
      return send(res, 200, { valid: !diags.some(d => d.severity === 'error'), diagnostics: diags });
    }
    if (p.match(/^\/v1\/scenarios\/(\d+)/)) {
      const s = scenarios.get(Number(p.match(/^\/v1\/scenarios\/(\d+)/)[1]));
      if (!s) return err(res, 404, 'not_found', `no scenario ${p.split('/')[3]}`);
      if (route('GET', /^\/v1\/scenarios\/\d+$/)) return send(res, 200, scenarioOut(s, true));
      if (route('PUT', /^\/v1\/scenarios\/\d+$/)) return storeScenario(res, body ?? {}, s);
      if (route('DELETE', /^\/v1\/scenarios\/\d+$/)) { scenarios.delete(s.id); res.writeHead(204); return res.end(); }
      if (route('POST', /^\/v1\/scenarios\/\d+\/validate$/)) { const { diags } = parseScenario(s.text, s.name + '.toml'); return send(res, 200, { valid: !diags.some(d => d.severity === 'error'), diagnostics: diags }); }
    }
    if (route('POST', /^\/v1\/runs$/)) return startRun(res, body);
    if (route('GET', /^\/v1\/runs$/)) {
      const limit = Number(url.searchParams.get('limit') ?? 50); const offset = Number(url.searchParams.get('offset') ?? 0);
      const ds = url.searchParams.get('dataset');
      const list = [...runs.values()].map(e => e.run).filter(r => ds === null || Number(ds) === r.dataset_id).reverse();
      return send(res, 200, { runs: list.slice(offset, offset + limit) });
    }
    if (p.match(/^\/v1\/runs\/(\d+)/)) {
      const e = runs.get(Number(p.match(/^\/v1\/runs\/(\d+)/)[1]));
      if (!e) return err(res, 404, 'not_found', `no run ${p.split('/')[3]}`);
      if (route('GET', /^\/v1\/runs\/\d+$/)) return send(res, 200, e.run);
      if (route('POST', /^\/v1\/runs\/\d+\/cancel$/)) {
        if (!['queued', 'running'].includes(e.run.status)) return err(res, 409, 'conflict', `run ${e.run.id} has ended (${e.run.status})`);
        e.run.status = 'cancelled'; e.run.finished_at = now(); clearInterval(e.timer);
        return send(res, 202, e.run);
      }
      const art = p.match(/^\/v1\/runs\/\d+\/(?:artifacts\/)?(result|flows\.geojson|summary\.txt|flows\.csv|od\.csv|resources\.csv)$/);
      if (art && m === 'GET') {
        if (e.run.status !== 'finished') return err(res, 409, 'conflict', `run ${e.run.id} is ${e.run.status}; results exist only for a finished run`);
        if (art[1] === 'result') return send(res, 200, e.result);
        if (art[1] === 'flows.geojson') return send(res, 200, e.flows, 'application/geo+json');
        if (art[1] === 'summary.txt') return send(res, 200, `mock summary of run ${e.run.id}\n`, 'text/plain');
        return err(res, 404, 'not_found', `the mock has no ${art[1]}`);
      }
    }
    if (route('GET', /^\/v1\/compare$/)) {
      const q = url.searchParams.get('runs') ?? '';
      if (!/^\d+(,\d+)*$/.test(q)) return err(res, 400, 'bad_request', `query parameter 'runs' must be a comma-separated list of run ids, got '${q}'`);
      return compare(res, q.split(',').map(Number));
    }
    return err(res, 404, 'not_found', `no route ${m} ${p}`);
  } catch (e) {
    return err(res, 500, 'internal', `mock: ${e.stack}`);
  }
});

for (const s of fx('scenarios.json')) {
  const t = now();
  scenarios.set(nextScenario, { id: nextScenario++, dataset_id: 1, name: s.name, content_hash: hash(s.text), created_at: t, updated_at: t, text: s.text, warnings: [] });
}
if (args.includes('--with-baseline')) {
  const t = now();
  const run = { id: nextRun++, kind: 'solve', status: 'finished', progress: 1, stage: 'done', dataset_id: 1, dataset_hash: dataset.content_hash,
    scenario_ids: [], scenario_hashes: '', options: { ranging: 0 }, program_version: '0.1.0 (mock)', seed: 0, created_at: t, started_at: t, finished_at: t,
    wall_seconds: 0.4, error: null, summary: null, artifacts: ['result.json', 'flows.geojson'] };
  const e = { run, scenario: null, ...simulate(null) };
  run.summary = { generalised_cost_usd: e.result.totals.generalised_cost_usd, served_t: e.result.totals.served_t, unserved_t: 0, avg_transit_time_h: e.result.totals.avg_transit_time_h, solve_status: 'optimal' };
  runs.set(run.id, e);
}

server.listen(port, '127.0.0.1', () => {
  console.log(`corridor serve: listening on http://127.0.0.1:${server.address().port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
