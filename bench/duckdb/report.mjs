// bench/stats.sh's table: reads the JSON of `trygg bench-stats` and of run.mjs (and the seed
// and serve timings) and prints a markdown section with the figures and the ratios
// DuckDB/Trygg and SQLite-best/Trygg.
//
//   node bench/duckdb/report.mjs trygg.json duckdb.json seed_seconds serve_ms label [N]
import { readFileSync } from 'node:fs';

const [tryggFile, duckFile, seedSeconds, serveMs, label, seeded] = process.argv.slice(2);
const t = JSON.parse(readFileSync(tryggFile, 'utf8'));
const d = JSON.parse(readFileSync(duckFile, 'utf8'));

const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
const x = (a, b) => `${(a / b).toFixed(1)}×`;
const names = {
  enhet_x_year: '1: count by enhet × year',
  enhet_x_category_sev3: '3: count by enhet × category, severity ≥ 3',
};
const title = (n) => names[n] ?? `2: count, police, outside by category × severity in ${n.slice(-4)}`;

const lines = [];
lines.push(`### ${label}: ${t.incidents.toLocaleString('en-US')} incidents`);
lines.push('');
lines.push(
  '| Aggregation | Trygg Table (analyst, scope + protection) median / p95 | Trygg index only | ' +
    'DuckDB (2 threads) | SQLite no index | SQLite best covering index | DuckDB / Trygg | ' +
    'SQLite best / Trygg |',
);
lines.push('|---|---|---|---|---|---|---|---|');
t.trygg.queries.forEach((q, i) => {
  const dq = d.queries[i];
  const sq = t.sqlite?.queries?.[i];
  const cells = [
    title(q.name),
    `${ms(q.table.median_ms)} / ${ms(q.table.p95_ms)} ms`,
    `${ms(q.index.median_ms)} ms`,
    `${ms(dq.median_ms)} ms`,
    sq ? `${ms(sq.no_index.median_ms)} ms` : '–',
    sq ? `${ms(sq.indexed.median_ms)} ms (${sq.index})` : '–',
    x(dq.median_ms, q.table.median_ms),
    sq ? x(sq.indexed.median_ms, q.table.median_ms) : '–',
  ];
  lines.push(`| ${cells.join(' | ')} |`);
});
lines.push('');
const idxMs = (t.sqlite?.queries ?? []).reduce((s, q) => s + q.index_build_ms, 0);
const idxBytes = (t.sqlite?.queries ?? []).reduce((s, q) => s + q.index_bytes, 0);
const same = (t.sqlite?.queries ?? []).every((q) => q.same_totals) &&
  t.trygg.queries.every((q, i) => q.total === d.queries[i].total);
lines.push('| Memory and time | Figure |');
lines.push('|---|---|');
lines.push(
  `| Trygg stats index | ${t.trygg.bytes_per_incident.toFixed(1)} bytes/incident ` +
    `(${mb(t.trygg.memory_bytes)}) |`,
);
lines.push(`| Trygg index load (StatsIndex::Load from the database) | ${ms(t.trygg.load_ms)} ms |`);
if (serveMs) lines.push(`| \`trygg serve\` start to first /healthz 200 | ${ms(Number(serveMs))} ms |`);
lines.push(
  `| DuckDB table | ${d.bytes_per_row.toFixed(1)} bytes/row (${mb(d.memory_bytes)}; process RSS ` +
    `+${mb(d.rss_bytes)}), CSV load ${ms(d.load_ms)} ms |`,
);
if (t.sqlite) {
  lines.push(
    `| SQLite table | ${mb(t.sqlite.table_bytes)} on disk; the three covering indexes took ` +
      `${(idxMs / 1000).toFixed(1)} s to build and ${mb(idxBytes)} |`,
  );
}
if (seedSeconds) lines.push(`| \`trygg seed-demo --incidents ${seeded ?? t.incidents}\` | ${seedSeconds} s |`);
lines.push(`| Same totals in every engine | ${same ? 'yes' : 'NO'} |`);
console.log(lines.join('\n'));
