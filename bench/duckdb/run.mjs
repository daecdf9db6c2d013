// DuckDB side of bench/stats.sh: loads the rows `trygg bench-stats --csv` wrote into an
// in-memory DuckDB (2 threads by default), runs the same three dashboard aggregations and
// prints their median/p95 times and the memory the table takes, as JSON on stdout.
//
//   node bench/duckdb/run.mjs --csv /tmp/facts.csv --year 2025 [--runs 30] [--threads 2]
import { DuckDBInstance } from '@duckdb/node-api';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const csv = arg('csv');
const year = Number(arg('year', new Date().getUTCFullYear() - 1));
const runs = Number(arg('runs', 30));
const threads = Number(arg('threads', 2));
if (!csv) {
  console.error('usage: node run.mjs --csv FILE --year YYYY [--runs N] [--threads N]');
  process.exit(2);
}

const queries = [
  ['enhet_x_year', 'SELECT unit_id, year, COUNT(*) FROM f GROUP BY unit_id, year'],
  [
    `category_x_severity_${year}`,
    `SELECT category, severity, COUNT(*), SUM(police), SUM(outside) FROM f WHERE year = ${year} ` +
      'GROUP BY category, severity',
  ],
  [
    'enhet_x_category_sev3',
    'SELECT unit_id, category, COUNT(*) FROM f WHERE severity >= 3 GROUP BY unit_id, category',
  ],
];

function timing(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const p95 = s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
  return { median_ms: s[Math.floor(s.length / 2)], p95_ms: p95, min_ms: s[0] };
}

const rssBefore = process.memoryUsage().rss;
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await instance.connect();
const loadStart = performance.now();
await con.run(
  `CREATE TABLE f AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}', header = true, ` +
    "columns = {'unit_id': 'INTEGER', 'year': 'SMALLINT', 'category': 'UTINYINT', " +
    "'severity': 'UTINYINT', 'police': 'UTINYINT', 'outside': 'UTINYINT'})",
);
const loadMs = performance.now() - loadStart;
const rows = Number((await (await con.run('SELECT COUNT(*) FROM f')).getRows())[0][0]);
const mem = await (await con.run('SELECT SUM(memory_usage_bytes) FROM duckdb_memory()')).getRows();
const duckdbBytes = Number(mem[0][0]);
const rssBytes = process.memoryUsage().rss - rssBefore;

const out = [];
for (const [name, sql] of queries) {
  let total = 0;
  const once = async () => {
    const r = await (await con.run(sql)).getRows();
    total = r.reduce((s, row) => s + Number(row[2]), 0);
  };
  await once(); // warm-up
  const ms = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    await once();
    ms.push(performance.now() - t);
  }
  out.push({ name, ...timing(ms), total });
  console.error(`  duckdb ${name}: ${timing(ms).median_ms.toFixed(1)} ms (total ${total})`);
}
console.log(
  JSON.stringify(
    {
      rows,
      threads,
      load_ms: loadMs,
      memory_bytes: duckdbBytes,
      rss_bytes: rssBytes,
      bytes_per_row: duckdbBytes / rows,
      rss_bytes_per_row: rssBytes / rows,
      queries: out,
    },
    null,
    2,
  ),
);
