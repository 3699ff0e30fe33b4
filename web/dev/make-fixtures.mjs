// Builds the mock server's fixtures from a dataset folder and the result files of one
// `corridor solve` (development only). Usage:
//   node dev/make-fixtures.mjs [--data ../data/china-russia-2022] [--result /tmp/cr]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const data = opt('--data', path.join(here, '../../data/china-russia-2022'));
const resultDir = opt('--result', '/tmp/cr');
const out = path.join(here, 'fixtures');

function parseCsv(text) {
  const rows = []; let row = []; let field = ''; let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else q = false; }
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = ''; if (row.length > 1 || row[0] !== '') rows.push(row); row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [head, ...body] = rows;
  return body.map(r => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}
const read = f => parseCsv(fs.readFileSync(path.join(data, f), 'utf8'));
const num = s => (s === '' || s == null ? null : Number(s));

const nodes = read('nodes.csv');
const byId = new Map(nodes.map(n => [n.id, n]));
const coord = id => { const n = byId.get(id); return [Number(n.lon), Number(n.lat)]; };
const features = [];
for (const n of nodes) {
  features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: coord(n.id) },
    properties: { id: n.id, name: n.name, country: n.country, kind: n.kind } });
}
for (const l of read('links.csv')) {
  features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [coord(l.from), coord(l.to)] },
    properties: { id: l.id, from: l.from, to: l.to, mode: l.mode, distance_km: num(l.distance_km),
      capacity_t_per_year: num(l.capacity_t_per_year) } });
}
for (const c of read('crossings.csv')) {
  features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: coord(c.node) },
    properties: { kind: 'crossing', id: c.id, node: c.node, modes: c.modes,
      capacity_t_per_year: num(c.capacity_t_per_year), state: c.state,
      dwell_standard_h: num(c.dwell_standard_h), dwell_aeo_h: num(c.dwell_aeo_h),
      fee_usd_per_t: num(c.fee_usd_per_t) } });
}
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'network.json'), JSON.stringify({ type: 'FeatureCollection', features }));

const result = JSON.parse(fs.readFileSync(path.join(resultDir, 'result.json'), 'utf8'));
fs.writeFileSync(path.join(out, 'result.json'), JSON.stringify(result));
const flows = JSON.parse(fs.readFileSync(path.join(resultDir, 'flows.geojson'), 'utf8'));
fs.writeFileSync(path.join(out, 'flows.geojson'), JSON.stringify(flows));

const scen = [];
const sdir = path.join(data, 'scenarios');
for (const f of fs.readdirSync(sdir).filter(f => f.endsWith('.toml')).sort()) {
  scen.push({ name: f.replace(/\.toml$/, ''), text: fs.readFileSync(path.join(sdir, f), 'utf8') });
}
fs.writeFileSync(path.join(out, 'scenarios.json'), JSON.stringify(scen, null, 1));
console.log('fixtures written to', out);
