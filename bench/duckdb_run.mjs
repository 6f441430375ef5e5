// Runs bench/csc1.sql with DuckDB's Node.js client (@duckdb/node-api), for bench/run.sh.
// Usage: node bench/duckdb_run.mjs SQL_FILE INPUT.csv OUTPUT.csv [NODE_MODULES_DIR ...]
// @duckdb/node-api is looked up in the given directories (then bench/node_modules). It is optional:
// without it this exits 3 and run.sh prints "duckdb: not installed". --probe only prints the version.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const probe = process.argv[2] === '--probe';
const [sqlFile, input, output, ...dirs] = probe ? [null, null, null, ...process.argv.slice(3)] : process.argv.slice(2);
if (!probe && (!sqlFile || !input || !output)) {
  console.error('usage: node duckdb_run.mjs SQL_FILE INPUT.csv OUTPUT.csv [NODE_MODULES_DIR ...]\n' +
                '       node duckdb_run.mjs --probe [NODE_MODULES_DIR ...]   (prints the version, or exits 3)');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
let entry = null;
for (const dir of [...dirs, resolve(here, 'node_modules')]) {
  try { entry = require.resolve('@duckdb/node-api', { paths: [dir] }); break; } catch { /* next */ }
}
if (!entry) {
  console.error('duckdb: @duckdb/node-api not found');
  process.exit(3);
}
const { DuckDBInstance } = await import(pathToFileURL(entry).href);
if (probe) {
  const instance = await DuckDBInstance.create(':memory:');
  const version = (await (await instance.connect()).runAndReadAll('SELECT version()')).getRows()[0][0];
  console.log(`DuckDB ${version} via Node.js @duckdb/node-api (${dirname(dirname(dirname(entry)))})`);
  process.exit(0);
}
const quote = (p) => resolve(p).replaceAll("'", "''");
const sql = readFileSync(sqlFile, 'utf8').replaceAll('__INPUT__', quote(input)).replaceAll('__OUTPUT__', quote(output));
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(sql);
