#!/usr/bin/env node
// Browser test of the HTML report (`corridor report`, `solve|compare --report`): writes a
// solve report and a comparison report of the dataset, opens each file from disk in
// headless Debian chromium with the network off (every request other than the file
// itself is refused and counted), and checks that the map (outlines and flow lines), the
// charts and the tables render and that the inline script ran. Also: `corridor report`
// on a folder without a run exits with code 3 and says so.
//
//   node web/e2e/report_e2e.mjs --corridor build/ci/apps/corridor/corridor \
//        --data data/china-russia-2022 --out build/report-e2e [--chromium /usr/bin/chromium]
//        [--baseline SCENARIO.toml] [--scenario SCENARIO.toml]   (the two compared)
//
// Prints one line per check and `N passed, N failed`; exit code 0 only if all passed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const argv = process.argv.slice(2);
const arg = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback; };
const corridor = arg('--corridor');
const data = arg('--data');
const out = path.resolve(arg('--out', 'report-e2e'));
const chromiumPath = arg('--chromium', '/usr/bin/chromium');
if (!corridor || !data) {
  console.error('usage: report_e2e.mjs --corridor BINARY --data DATASET --out DIR [--chromium PATH]');
  process.exit(2);
}
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

const results = { passed: 0, failed: 0 };
const expect = (ok, what, detail = '') => {
  results[ok ? 'passed' : 'failed']++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${what}${detail ? ` (${detail})` : ''}`);
};
const corridorRun = args => {
  const r = spawnSync(corridor, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  fs.appendFileSync(path.join(out, 'corridor.log'), `$ corridor ${args.join(' ')}\n${r.stdout}${r.stderr}\nexit ${r.status}\n`);
  return r;
};

const solveHtml = path.join(out, 'solve.html');
const compareHtml = path.join(out, 'compare.html');
const fromFolder = path.join(out, 'from-folder.html');
let r = corridorRun(['solve', data, '--out', path.join(out, 'solve'), '--report', solveHtml]);
expect(r.status === 0 && fs.existsSync(solveHtml), 'solve --report writes the HTML file', `exit ${r.status}`);
const scen = arg('--scenario', path.join(data, 'scenarios', 'bridges-open.toml'));
r = corridorRun(['compare', data, '--scenario', arg('--baseline', path.join(data, 'scenarios', 'baseline-2022.toml')), '--scenario', scen,
  '--out', path.join(out, 'compare'), '--report', compareHtml]);
expect(r.status === 0 && fs.existsSync(compareHtml), 'compare --report writes the HTML file', `exit ${r.status}, ${path.basename(scen)}`);
r = corridorRun(['report', path.join(out, 'compare'), '--html', fromFolder]);
expect(r.status === 0 && fs.existsSync(fromFolder), 'corridor report writes a comparison folder as HTML', `exit ${r.status}`);
fs.mkdirSync(path.join(out, 'empty'), { recursive: true });
r = corridorRun(['report', path.join(out, 'empty'), '--html', path.join(out, 'none.html')]);
expect(r.status === 3 && /holds no run/.test(r.stderr) && !fs.existsSync(path.join(out, 'none.html')),
  'a folder without a run is refused with exit code 3', `exit ${r.status}: ${r.stderr.trim()}`);

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
try {
  for (const [file, comparison] of [[solveHtml, false], [compareHtml, true], [fromFolder, true]]) {
    if (!fs.existsSync(file)) continue;
    const name = path.basename(file);
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const outside = [];
    const errors = [];
    await page.route('**/*', route => {
      if (route.request().url().startsWith('file:')) return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    const map = page.locator(comparison ? '[data-testid=report-diff-map]' : '[data-testid=report-map]').first();
    const land = Number(await map.getAttribute('data-land-paths'));
    const lines = Number(await map.getAttribute('data-lines'));
    const drawn = await map.locator(comparison ? 'path.diff' : 'path.flow').count();
    const box = await map.boundingBox();
    expect(land > 30 && (await map.locator('path.land').count()) === land, `${name}: the map draws the country outlines`, `${land} land paths`);
    expect(lines > 100 && drawn === lines && box && box.width > 600 && box.height > 200, `${name}: the map draws the links`, `${drawn} lines, ${box?.width}x${box?.height} px`);
    const chart = page.locator(comparison ? '[data-testid=chart-compare-utilisation]' : '[data-testid=chart-crossing-utilisation]');
    const bars = await chart.locator('rect.bar').count();
    expect(bars > 5 && (await chart.boundingBox())?.height > 100, `${name}: the crossing utilisation chart renders`, `${bars} bars`);
    if (comparison) {
      const rows = await page.locator('[data-testid=compare-table] tbody tr').count();
      const cells = await page.locator('[data-testid=compare-cell]').count();
      expect(rows > 5 && cells === 2 * rows, `${name}: the side-by-side table shows both scenarios`, `${rows} rows`);
    } else {
      const zab = await page.locator('[data-testid=chart-crossing-utilisation] text', { hasText: 'Zabaikalsk–Manzhouli (rail)' }).count();
      expect(zab === 1, `${name}: the chart names the crossings`);
      expect(await page.locator('[data-testid=bottleneck-table] tbody tr').count() > 0, `${name}: the bottleneck table lists prices`);
      expect(Number(await page.getAttribute('[data-testid=kpi-generalised-cost]', 'data-value')) > 0, `${name}: the KPIs are shown`);
      const record = await page.textContent('[data-testid=run-record]');
      expect(/Dataset hash/.test(record) && /corridor /.test(record), `${name}: the run record is shown`);
    }
    expect(await page.getAttribute('body', 'data-scripted') === 'true', `${name}: the inline script ran`);
    expect(outside.length === 0 && errors.length === 0, `${name}: nothing requested from outside, no page error`, [...outside, ...errors].slice(0, 3).join(', '));
    await page.screenshot({ path: path.join(out, name.replace('.html', '.png')), fullPage: true });
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
