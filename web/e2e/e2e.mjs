#!/usr/bin/env node
// End-to-end test of the web page against a running `corridor serve` (or the mock).
//
//   node web/e2e/e2e.mjs --corridor build/corridor --db /tmp/e2e.db --web web/dist \
//        --data data/china-russia-2022 --artifacts build/e2e-artifacts
//   node web/e2e/e2e.mjs --mock --web web/dist --artifacts build/e2e-artifacts
//
// Starts the server itself (`<corridor> serve --db DB --port 0 --web DIST --import DATA`,
// or with --mock `node web/dev/mock-server.mjs --port 0 --web DIST`), waits for its line
// `corridor serve: listening on http://127.0.0.1:<port>`, drives headless Debian chromium
// (/usr/bin/chromium, or --chromium PATH) with playwright-core, saves a screenshot per
// step into the artifacts folder and always stops the server. Exit code 0 only if every
// check passed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt; };
const mock = argv.includes('--mock');
const web = path.resolve(opt('--web', path.join(here, '..', 'dist')));
const artifacts = path.resolve(opt('--artifacts', 'e2e-artifacts'));
const corridor = opt('--corridor', null);
const db = opt('--db', path.join(os.tmpdir(), `corridor-e2e-${process.pid}.db`));
const data = opt('--data', null);
const chromiumPath = opt('--chromium', '/usr/bin/chromium');
const runTimeoutMs = Number(opt('--run-timeout', '300')) * 1000;
const headed = argv.includes('--headed');

if (argv.includes('--help') || (!mock && !corridor)) {
  console.log('usage: node e2e.mjs (--corridor PATH --db FILE --data DATASET_FOLDER | --mock) --web DIST --artifacts DIR [--chromium PATH] [--run-timeout S]');
  process.exit(argv.includes('--help') ? 0 : 2);
}
if (!fs.existsSync(path.join(web, 'index.html'))) { console.error(`e2e: no ${path.join(web, 'index.html')}: build the page first (cd web && npm ci && npm run build)`); process.exit(2); }
fs.mkdirSync(artifacts, { recursive: true });

let passed = 0; let failed = 0;
const failures = [];
function check(ok, what, detail = '') {
  if (ok) { passed++; console.log(`  ok    ${what}${detail ? ` (${detail})` : ''}`); }
  else { failed++; failures.push(`${what}${detail ? ` (${detail})` : ''}`); console.log(`  FAIL  ${what}${detail ? ` (${detail})` : ''}`); }
  return ok;
}
class Abort extends Error {}
function must(ok, what, detail) { if (!check(ok, what, detail)) throw new Abort(what); }

// ---- server ---------------------------------------------------------------------------
function startServer() {
  // The test starts from an empty store: whatever --db names is replaced.
  if (!mock) {
    fs.mkdirSync(path.dirname(path.resolve(db)), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  }
  const cmd = mock ? process.execPath : path.resolve(corridor);
  const args = mock
    ? [path.join(here, '..', 'dev', 'mock-server.mjs'), '--port', '0', '--web', web]
    : ['serve', '--db', db, '--port', '0', '--web', web, ...(data ? ['--import', data] : [])];
  console.log(`e2e: starting ${[cmd, ...args].join(' ')}`);
  const log = fs.createWriteStream(path.join(artifacts, 'server.log'));
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('the server did not print "corridor serve: listening on http://…" within 60 s (see server.log)')), 60000);
    proc.stdout.on('data', d => {
      log.write(d); buf += d.toString();
      const m = buf.match(/corridor serve: listening on (http:\/\/[^\s]+?:(\d+))\/?(\s|$)/);
      const t = buf.match(/corridor serve: open \S+\/v1\/login\?token=([0-9a-f]+)/);
      if (m && (mock || t)) { clearTimeout(timer); token = t ? t[1] : ''; resolve(m[1]); }
    });
    proc.stderr.on('data', d => log.write(d));
    proc.on('exit', (code, sig) => { clearTimeout(timer); reject(new Error(`the server exited (code ${code}, signal ${sig}) before it was ready (see server.log)`)); });
    proc.on('error', e => { clearTimeout(timer); reject(e); });
  });
  return { proc, ready };
}
async function stopServer(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise(r => proc.once('exit', r));
  proc.kill('SIGTERM');
  const t = setTimeout(() => proc.kill('SIGKILL'), 8000);
  await exited; clearTimeout(t);
}

// ---- helpers ---------------------------------------------------------------------------
async function shot(page, name) {
  const file = path.join(artifacts, name);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`  shot  ${file}`);
}
async function errorsShown(page) {
  return page.$$eval('[data-testid=error-message]', els => els.map(e => e.textContent.replace(/\s+/g, ' ').trim()));
}
async function kpi(page, id) {
  const v = await page.getAttribute(`[data-testid=${id}]`, 'data-value');
  return v === null || v === '' ? null : Number(v);
}
async function marker(page, id) {
  return page.$eval(`[data-testid=crossing-marker][data-id="${id}"]`, e => ({
    flow: e.dataset.flow === '' ? null : Number(e.dataset.flow),
    capacity: e.dataset.capacity === '' ? null : Number(e.dataset.capacity),
  }));
}

// ---- the test ----------------------------------------------------------------------------
let token = '';  // the server's start token (docs/http_api.md, "Security model")
const { proc, ready } = startServer();
let context; let page;
const t0 = Date.now();
try {
  const base = await ready;
  console.log(`e2e: server ready at ${base}`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-e2e-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath, headless: !headed,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'].filter(a => !(headed && a === '--headless')),
    viewport: { width: 1440, height: 900 },
  });
  page = context.pages()[0] ?? await context.newPage();
  const consoleLog = fs.createWriteStream(path.join(artifacts, 'browser-console.log'));
  page.on('console', m => consoleLog.write(`${m.type()}: ${m.text()}\n`));
  page.on('pageerror', e => { consoleLog.write(`pageerror: ${e.message}\n`); check(false, 'no uncaught page error', e.message); });
  // Offline: any request leaving the server is a failure.
  const origin = new URL(base).origin;
  const external = [];
  await page.route('**/*', route => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    external.push(u); return route.abort();
  });

  // (a) network, crossings and the baseline KPIs
  console.log('e2e (a): page, network and baseline');
  // The page without a session shows the login form; the start token logs in.
  await page.goto(base + '/');
  if (!mock) {
    await page.waitForSelector('[data-testid=login-token]', { timeout: 20000 })
      .catch(() => { throw new Abort('the login form was not shown to a page without a session'); });
    await page.fill('[data-testid=login-token]', 'not-the-token');
    await page.click('[data-testid=login-submit]');
    await page.waitForFunction(() => (document.querySelector('[data-testid=login-error]')?.textContent ?? '') !== '', null, { timeout: 10000 });
    check(/unknown|expired|revoked/.test(await page.textContent('[data-testid=login-error]')), 'a wrong token is refused at the login form', await page.textContent('[data-testid=login-error]'));
    await page.fill('[data-testid=login-token]', token);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=user-name]', { timeout: 20000 })
      .catch(() => { throw new Abort('logging in with the start token did not show the user'); });
    check((await page.textContent('[data-testid=user-name]')) === 'local', 'logged in as the local user', await page.textContent('[data-testid=user-name]'));
    const cookies = await context.cookies(base);
    const session = cookies.find(c => c.name === 'corridor_session');
    check(session?.httpOnly === true && session?.sameSite === 'Strict', 'the session cookie is HttpOnly and SameSite=Strict', JSON.stringify(session && { httpOnly: session.httpOnly, sameSite: session.sameSite }));
  }
  await page.waitForSelector('[data-testid=map].leaflet-container', { state: 'attached', timeout: 30000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=crossing-marker]').length > 10, null, { timeout: 30000 }).catch(() => {});
  const nMarkers = await page.locator('[data-testid=crossing-marker]').count();
  check(nMarkers > 10, 'map shows more than 10 crossing markers', `${nMarkers}`);
  must(await page.locator('[data-testid=crossing-marker][data-id="ZAB_MZL_RAIL"]').count() === 1, 'Zabaikalsk rail (ZAB_MZL_RAIL) marker present');
  await page.waitForFunction(() => document.querySelector('[data-testid=kpi-generalised-cost]')?.dataset.value, null, { timeout: runTimeoutMs })
    .catch(async () => { throw new Abort(`baseline KPIs not shown within ${runTimeoutMs / 1000} s; errors shown: ${JSON.stringify(await errorsShown(page))}`); });
  await page.waitForTimeout(500);
  const baseCost = await kpi(page, 'kpi-generalised-cost');
  const baseServed = await kpi(page, 'kpi-served');
  check(baseCost > 0, 'baseline generalised cost KPI shown', await page.textContent('[data-testid=kpi-generalised-cost]'));
  check(baseServed > 0, 'baseline served KPI shown', await page.textContent('[data-testid=kpi-served]'));
  const baseRunId = Number(await page.getAttribute('body', 'data-shown-run'));
  check(baseRunId > 0, 'baseline run shown', `run #${baseRunId}`);
  const zab0 = await marker(page, 'ZAB_MZL_RAIL');
  check(zab0.flow > 0 && zab0.capacity > 0, 'Zabaikalsk rail has flow and capacity in the baseline', `${zab0.flow} t of ${zab0.capacity} t`);
  check((await errorsShown(page)).length === 0, 'no error shown after loading', JSON.stringify(await errorsShown(page)));
  const bgLine = await page.textContent('[data-testid=background-line]').catch(() => '');
  check(/Background traffic/.test(bgLine ?? ''), 'the overview shows the background traffic line', bgLine ?? '');
  const epRow = await page.textContent('[data-testid=shared-table] tr[data-id="EASTERN_POLYGON"]').catch(() => '');
  check(/EASTERN_POLYGON/.test(epRow ?? '') && /100/.test(epRow ?? ''), 'the shared-capacities table shows the Eastern Polygon in use', epRow ?? '');
  await page.click('[data-testid=run-equilibrium]');
  await page.waitForSelector('[data-testid=ue-table] tbody tr', { timeout: runTimeoutMs }).catch(() => {});
  const ueSummary = await page.textContent('[data-testid=ue-summary]').catch(() => '');
  check(/capacitated equilibrium/.test(ueSummary ?? '') && /certificate passed/.test(ueSummary ?? ''), 'the equilibrium view shows a capacitated equilibrium with its certificate passed', ueSummary ?? '');
  const ueZab = await page.textContent('[data-testid=ue-table] tr[data-id="ZAB_MZL_RAIL"]').catch(() => '');
  check(/ZAB_MZL_RAIL/.test(ueZab ?? '') && / h \(/.test(ueZab ?? ''), 'the equilibrium view lists Zabaikalsk rail with its queue', ueZab ?? '');
  await page.click('[data-testid=run-risk]');
  await page.waitForSelector('[data-testid=risk-table] tbody tr', { timeout: runTimeoutMs }).catch(() => {});
  const riskSummary = await page.textContent('[data-testid=risk-summary]').catch(() => '');
  check(/200 of 200 draws/.test(riskSummary ?? '') && /certificates passed/.test(riskSummary ?? ''), 'the risk view shows 200 solved draws with their certificates passed', riskSummary ?? '');
  const histogramBars = await page.locator('[data-testid=risk-histogram] svg rect').count();
  check(histogramBars > 1, 'the risk view draws a histogram of the draws\' cost', `${histogramBars} bars`);
  const riskRows = await page.locator('[data-testid=risk-table] tbody tr').count();
  check(riskRows > 0, 'the risk view lists critical capacities', `${riskRows} rows`);
  await page.locator('[data-testid=crossing-marker][data-id="ZAB_MZL_RAIL"]').dispatchEvent('click');
  await page.waitForTimeout(300);
  const details = await page.textContent('[data-testid=details-panel]');
  check(/ZAB_MZL_RAIL/.test(details) && /Shadow price/i.test(details), 'clicking the Zabaikalsk marker shows its details with the shadow price');
  await shot(page, '01-baseline.png');

  // (b) scenario: Zabaikalsk rail at half capacity
  console.log('e2e (b): scenario editor, run');
  await page.click('[data-testid=tab-scenario]');
  const scenName = `e2e-half-zab-${Date.now().toString(36)}`;
  await page.fill('[data-testid=scenario-name]', scenName);
  await page.fill('[data-testid=scenario-description]', 'Zabaikalsk rail at half capacity (e2e)');
  if (await page.locator('[data-testid=change-row]').count() === 0) await page.click('[data-testid=add-change]');
  const row = page.locator('[data-testid=change-row]').first();
  await row.locator('[data-testid=change-type]').selectOption('throttle');
  await row.locator('[data-testid=change-crossing]').selectOption('ZAB_MZL_RAIL');
  // an invalid factor first: the diagnostics must be shown
  await row.locator('[data-testid=change-factor]').fill('-0.5');
  await page.click('[data-testid=scenario-validate]');
  await page.waitForFunction(() => document.querySelector('[data-testid=scenario-diagnostics]')?.dataset.valid, null, { timeout: 20000 }).catch(() => {});
  const badValid = await page.getAttribute('[data-testid=scenario-diagnostics]', 'data-valid');
  const badText = (await page.textContent('[data-testid=scenario-diagnostics]')) ?? '';
  check(badValid === 'false' && (await page.locator('[data-testid=diagnostic]').count()) > 0, 'a negative factor is reported by validation', badText.replace(/\s+/g, ' ').slice(0, 160));
  await shot(page, '02a-scenario-invalid.png');
  await row.locator('[data-testid=change-factor]').fill('0.5');
  const text = await page.inputValue('[data-testid=scenario-text]');
  check(/type = "scale_capacity"/.test(text) && /element = "crossing:ZAB_MZL_RAIL"/.test(text) && /factor = 0\.5\b/.test(text), 'the generated TOML throttles crossing:ZAB_MZL_RAIL by 0.5');
  await page.evaluate(() => { const d = document.querySelector('[data-testid=scenario-diagnostics]'); d.innerHTML = ''; delete d.dataset.valid; });
  await page.click('[data-testid=scenario-validate]');
  await page.waitForFunction(() => document.querySelector('[data-testid=scenario-diagnostics]')?.dataset.valid, null, { timeout: 20000 }).catch(() => {});
  check(await page.getAttribute('[data-testid=scenario-diagnostics]', 'data-valid') === 'true', 'the scenario validates',
    ((await page.textContent('[data-testid=scenario-diagnostics]')) ?? '').replace(/\s+/g, ' ').slice(0, 200));
  await shot(page, '02-scenario-form.png');
  const tabY = async () => (await page.locator('[data-testid=tab-scenario]').boundingBox())?.y;
  const tabBefore = await tabY();
  await page.click('[data-testid=scenario-run]');
  await page.waitForSelector('[data-testid=run-progress]', { state: 'visible', timeout: 20000 }).catch(() => {});
  check(await page.locator('[data-testid=run-progress]').isVisible(), 'a progress bar is shown while the scenario runs');
  // The progress box floats over the map: showing it (and hiding it after a run)
  // must not move the side panel under the user's pointer.
  const tabDuring = await tabY();
  check(tabBefore != null && tabDuring === tabBefore, 'the progress box does not move the side panel', `tab at y ${tabBefore} -> ${tabDuring}`);
  await shot(page, '03a-scenario-running.png');
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid=scenario-run-result]')?.dataset.status;
    return s && !['queued', 'running'].includes(s);
  }, null, { timeout: runTimeoutMs }).catch(() => {});
  const status = await page.getAttribute('[data-testid=scenario-run-result]', 'data-status');
  must(status === 'finished', 'the scenario run finished', `status ${status}; errors shown: ${JSON.stringify(await errorsShown(page))}`);
  const scenRunId = Number(await page.getAttribute('[data-testid=scenario-run-result]', 'data-run-id'));
  await page.waitForFunction(id => document.body.dataset.shownRun === String(id), scenRunId, { timeout: 30000 }).catch(() => {});
  check(await page.getAttribute('body', 'data-shown-run') === String(scenRunId), 'the scenario run is shown on the map', `run #${scenRunId}`);
  const scenCost = await kpi(page, 'kpi-generalised-cost');
  check(scenCost != null && Math.abs(scenCost - baseCost) > 1e-6 * baseCost, 'the generalised cost KPI differs from the baseline', `${baseCost} -> ${scenCost}`);
  const zab1 = await marker(page, 'ZAB_MZL_RAIL');
  check(zab1.capacity != null && Math.abs(zab1.capacity - zab0.capacity / 2) <= 0.01 * zab0.capacity, 'Zabaikalsk rail capacity is halved', `${zab0.capacity} -> ${zab1.capacity}`);
  check(zab1.flow != null && zab1.flow <= zab1.capacity * 1.001 + 1 && zab1.flow < zab0.flow, 'Zabaikalsk rail flow is within the halved capacity and below the baseline', `${zab0.flow} -> ${zab1.flow}`);
  check((await errorsShown(page)).length === 0, 'no error shown after the scenario run', JSON.stringify(await errorsShown(page)));
  await shot(page, '03-scenario-result.png');

  // (c) compare the two runs
  console.log('e2e (c): compare');
  await page.click('[data-testid=tab-compare]');
  await page.waitForSelector(`[data-testid=run-row][data-run-id="${scenRunId}"]`, { timeout: 20000 });
  check(await page.locator('[data-testid=run-list] [data-testid=run-row]').count() >= 2, 'the run list shows at least two runs');
  for (const id of [baseRunId, scenRunId]) {
    const cb = page.locator(`[data-testid=run-row][data-run-id="${id}"] [data-testid=run-checkbox]`);
    if (!(await cb.isChecked())) await cb.check();
  }
  await page.click('[data-testid=compare-button]');
  await page.waitForSelector('[data-testid=compare-table]', { timeout: 60000 }).catch(() => {});
  must(await page.locator('[data-testid=compare-table]').count() === 1, 'the compare table is shown', `errors shown: ${JSON.stringify(await errorsShown(page))}`);
  const headers = await page.$$eval('[data-testid=compare-run-header]', els => els.map(e => e.textContent.trim()));
  check(headers.length === 2 && headers.some(h => /baseline/.test(h)) && headers.some(h => h.includes(scenName)), 'the compare table shows both scenarios', JSON.stringify(headers));
  const costDelta = await page.$eval('[data-kpi=generalised_cost_usd] [data-testid=compare-delta]', e => Number(e.dataset.value)).catch(() => NaN);
  const deltas = await page.$$eval('[data-testid=compare-delta]', els => els.map(e => Number(e.dataset.value)));
  check(deltas.some(d => Number.isFinite(d) && d !== 0), 'the compare table shows a nonzero delta', `generalised cost delta ${costDelta}`);
  check(Number.isFinite(costDelta) && Math.abs(costDelta - (scenCost - baseCost)) <= 1e-6 * Math.abs(baseCost) + 1, 'the generalised cost delta equals the KPI difference', `${costDelta} vs ${scenCost - baseCost}`);
  const bars = await page.locator('[data-testid=compare-chart] svg rect').count();
  check(bars > 0, 'the crossing utilisation chart renders bars', `${bars} rects`);
  const diffLines = await page.locator('[data-testid=map] path.leaflet-interactive').count();
  check(diffLines > 0, 'the difference map is drawn', `${diffLines} paths`);
  check((await errorsShown(page)).length === 0, 'no error shown after comparing', JSON.stringify(await errorsShown(page)));
  await shot(page, '04-compare.png');
  await page.locator('[data-testid=compare-chart]').scrollIntoViewIfNeeded();
  await page.locator('[data-testid=compare-chart]').screenshot({ path: path.join(artifacts, '04b-compare-chart.png') });
  console.log(`  shot  ${path.join(artifacts, '04b-compare-chart.png')}`);

  // (d) simulation: the dated epidemic scenario, queue over time per crossing (the real
  // server only: the mock has no simulate runs)
  if (!mock) {
  console.log('e2e (d): simulation');
  await page.click('[data-testid=tab-simulate]');
  const datedOption = await page.$$eval('[data-testid=sim-scenario] option', os => os.filter(o => o.textContent === '2021-epidemic-dated').map(o => o.value));
  check(datedOption.length === 1, 'the simulation view offers the dated epidemic scenario');
  if (datedOption.length) await page.selectOption('[data-testid=sim-scenario]', datedOption[0]);
  await page.fill('[data-testid=sim-replications]', '3');
  await page.click('[data-testid=sim-run]');
  await page.waitForFunction(() => document.body.dataset.shownSimRun, null, { timeout: runTimeoutMs }).catch(() => {});
  must(!!(await page.getAttribute('body', 'data-shown-sim-run')), 'the simulation run finished and is shown',
    `status ${await page.getAttribute('[data-testid=panel-simulate]', 'data-status')}; errors shown: ${JSON.stringify(await errorsShown(page))}`);
  const series = Number(await page.getAttribute('[data-testid=sim-queue-chart]', 'data-series'));
  const points = Number(await page.getAttribute('[data-testid=sim-queue-chart]', 'data-points'));
  const lines = await page.locator('[data-testid=sim-queue-chart] svg [aria-label="line"] path').count();
  check(series > 0 && points >= 365 * series && lines === series, 'the queue-over-time chart draws a line per crossing over the year', `${series} series, ${points} points, ${lines} lines`);
  const waitBars = await page.locator('[data-testid=sim-wait-chart] svg rect').count();
  check(waitBars > 0, 'the waiting-time distribution renders bars', `${waitBars} rects`);
  const pogRow = await page.textContent('[data-testid=sim-table] tr[data-id="crossing:POG_SFH_ROAD"]').catch(() => '');
  check(/±/.test(pogRow ?? ''), 'the simulation table lists Pogranichny road with confidence intervals', (pogRow ?? '').replace(/\s+/g, ' '));
  check((await errorsShown(page)).length === 0, 'no error shown after the simulation', JSON.stringify(await errorsShown(page)));
  await shot(page, '05-simulation.png');
  await page.locator('[data-testid=sim-queue-chart]').screenshot({ path: path.join(artifacts, '05b-sim-queue-chart.png') });
  }

  // (e) investment plan for the 200 bn target: the portfolio with its proven gap, drawn on the map
  // (the mock server has no plan runs)
  if (!mock) {
  console.log('e2e (e): plan');
  await page.click('[data-testid=tab-plan]');
  await page.waitForSelector('[data-testid=plan-start]', { timeout: 20000 });
  const planScenario = await page.$eval('[data-testid=plan-scenario]', e => e.selectedOptions[0]?.textContent ?? '');
  check(/target-200bn/.test(planScenario), 'the plan tab proposes the 200 bn target scenario', planScenario);
  await page.click('[data-testid=plan-start]');
  await page.waitForSelector('[data-testid=plan-status]', { timeout: runTimeoutMs }).catch(() => {});
  const planStatus = await page.textContent('[data-testid=plan-status]').catch(() => '');
  const planGap = Number(await page.textContent('[data-testid=plan-gap]').catch(() => 'NaN'));
  check(planStatus === 'optimal' && planGap <= 1e-6, 'the plan is proven optimal', `${planStatus}, gap ${planGap}; errors: ${JSON.stringify(await errorsShown(page))}`);
  const planRows = await page.locator('[data-testid=plan-project]').count();
  check(planRows > 0, 'the portfolio lists its projects', `${planRows} rows`);
  const marks = Number(await page.getAttribute('body', 'data-project-marks'));
  check(marks > 0 && (await page.locator('[data-testid=map] .project-mark').count()) > 0, 'the chosen projects are drawn on the map', `${marks} marks`);
  await shot(page, '05-plan.png');
  }

  // (f) settle the payments behind the freight (the real server only: the mock has no settle runs)
  if (!mock) {
    console.log('e2e (f): settlement');
    await page.click('[data-testid=tab-settle]');
    await page.click('[data-testid=settle-run]');
    await page.waitForSelector('[data-testid=settle-summary]', { timeout: runTimeoutMs }).catch(() => {});
    must(await page.locator('[data-testid=settle-summary]').count() === 1, 'the settlement summary is shown', `errors shown: ${JSON.stringify(await errorsShown(page))}`);
    const gross = await page.$eval('[data-testid=settle-summary]', e => Number(e.dataset.gross));
    const multi = await page.$eval('[data-testid=settle-summary]', e => Number(e.dataset.multilateral));
    check(gross > 0 && multi > 0 && multi < gross, 'multilateral netting leaves less than the gross', `gross ${gross}, multilateral ${multi}`);
    check(await page.locator('[data-testid=settle-chart] svg path').count() >= 3, 'the gross vs net chart has its three lines');
    check(await page.locator('[data-testid=settle-positions] tbody tr').count() > 0, 'the largest net positions are listed');
    await shot(page, '05-settle.png');
  }
  // (g) every kind of run from the run list, with its own view; names and the search box
  if (!mock) {
    console.log('e2e (g): every kind of run from the run list; names');
    const cmpRun = await page.evaluate(async () => {
      const app = window.corridorApp;
      const scen = app.runs.find(r => r.kind === 'solve' && (r.scenario_ids ?? []).some(x => x))?.scenario_ids?.find(x => x) ?? 0;
      const res = await fetch('/v1/runs', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'compare', dataset_id: app.dataset.id, scenario_ids: [0, scen] }) });
      return res.json();
    });
    for (let t = 0; t < runTimeoutMs / 500; t++) {
      const r = await page.evaluate(async id => (await fetch(`/v1/runs/${id}`)).json(), cmpRun.id);
      if (!['queued', 'running'].includes(r.status)) break;
      await page.waitForTimeout(500);
    }
    await page.click('[data-testid=tab-compare]');
    await page.click('[data-testid=runs-refresh]');
    await page.waitForTimeout(500);
    const kinds = await page.$$eval('[data-testid=run-show]', bs => [...new Set(bs.map(b => b.dataset.kind))]);
    check(['solve', 'assign', 'compare', 'simulate', 'risk', 'plan', 'settle'].every(k => kinds.includes(k)), 'the run list offers Show for every kind of run', kinds.join(', '));
    const showKind = async kind => {
      await page.click('[data-testid=tab-compare]');
      await page.locator(`[data-testid=run-show][data-kind=${kind}]`).first().click();
      await page.waitForFunction(k => document.querySelector('[data-testid=run-view]')?.dataset.kind === k && document.querySelector('[data-testid=run-view]')?.dataset.shown === 'true', kind, { timeout: 30000 }).catch(() => {});
    };
    await page.evaluate(() => { document.querySelector('[data-testid=run-view]').dataset.shown = ''; });
    await showKind('assign');
    const ueRows = await page.locator('[data-testid=run-view] [data-testid=ue-table] tbody tr').count();
    check(ueRows > 5 && await page.getAttribute('body', 'data-map-mode') === 'crossings', 'an assign run shows its equilibrium flows and queues per crossing, on the map too', `${ueRows} rows`);
    await shot(page, '06-assign-run.png');
    await page.evaluate(() => { document.querySelector('[data-testid=run-view]').dataset.shown = ''; });
    await showKind('compare');
    const cmpRows = await page.locator('[data-testid=compare-run-table] tbody tr').count();
    const cmpMap = await page.locator('[data-testid=compare-run-map]').count();
    const diffPaths = await page.locator('[data-testid=map] .leaflet-overlay-pane path').count();
    check(cmpRows > 3 && cmpMap === 1 && diffPaths > 50, 'a compare run shows its scenarios side by side and the difference map', `${cmpRows} rows, ${diffPaths} map paths`);
    await shot(page, '06-compare-run.png');
    for (const [kind, sel, what] of [['simulate', '[data-testid=sim-queue-chart] svg', 'a simulation run opens its charts'],
      ['plan', '[data-testid=plan-portfolio] tbody tr', 'a plan run opens its portfolio'],
      ['settle', '[data-testid=settle-summary]', 'a settlement run opens its summary'],
      ['risk', '[data-testid=risk-summary]', 'a risk run opens in the overview']]) {
      // What an earlier step drew is removed first: the view must come from the run list.
      await page.evaluate(s => { document.querySelector('[data-testid=run-view]').dataset.shown = ''; document.querySelectorAll(s).forEach(e => e.remove()); }, sel);
      await showKind(kind);
      await page.waitForSelector(sel, { timeout: 20000 }).catch(() => {});
      check(await page.locator(sel).count() > 0 && await page.locator(sel).first().isVisible(), what);
    }
    // Names: crossing markers and the search box.
    await page.click('[data-testid=tab-overview]');
    const zabName = await page.getAttribute('[data-testid=crossing-marker][data-id=ZAB_MZL_RAIL]', 'data-name');
    check(zabName === 'Zabaikalsk–Manzhouli (rail)', 'the Zabaikalsk rail crossing is named', zabName ?? '');
    await page.fill('[data-testid=find-input]', 'Grodekovo–Suifenhe (rail)');
    await page.press('[data-testid=find-input]', 'Enter');
    const found = await page.textContent('[data-testid=details-panel]');
    check(/Grodekovo–Suifenhe \(rail\)/.test(found ?? '') && /GRD_SFH_RAIL/.test(found ?? ''), 'the search box finds a crossing by its name and shows it with its id', (found ?? '').slice(0, 80));
    const sea = await page.evaluate(() => window.corridorApp.network.features.find(f => f.properties.id === 'SPB_SHA_SEA_NSR'));
    const lons = sea?.geometry.coordinates.map(c => c[0]) ?? [];
    check(lons.length > 20 && Math.max(...lons) > 180 && /Bering/.test(sea.properties.source), 'the Northern Sea Route is drawn along the Arctic coast and over the antimeridian', `${lons.length} points, max lon ${Math.max(...lons)}`);
    await shot(page, '06-names.png');
  }
  check(external.length === 0, 'no request left the server (offline)', external.slice(0, 3).join(', '));
} catch (e) {
  if (!(e instanceof Abort)) check(false, 'the test ran to its end', e.stack ?? String(e));
  if (page) await shot(page, 'failure.png').catch(() => {});
} finally {
  if (context) await context.close().catch(() => {});
  await stopServer(proc);
}
console.log(`e2e: ${((Date.now() - t0) / 1000).toFixed(1)} s, artifacts in ${artifacts}`);
if (failures.length) console.log(`e2e failures:\n${failures.map(f => `  - ${f}`).join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
