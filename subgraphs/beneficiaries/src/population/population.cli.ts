import { parseArgs } from 'node:util';
import pg from 'pg';
import { readDatabaseUrl } from '../env.js';
import { loadScalePopulations, parseDepartments, rowsOf } from './population.load.js';

/**
 * `npm run population -w @passerelles/beneficiaries -- [--department 62 | --departments <n | 57,59,76>] [--size 52700] [--years 2] [--seed N]`
 * Loads synthetic Départements at real scale (`--size` people each, `--years` of history) into
 * DATABASE_URL (migrated; the owner's URL, since a Département without territories gets synthetic
 * ones in `ref`) and prints the timings and rows per second.
 */
const { values } = parseArgs({
  options: {
    department: { type: 'string' },
    departments: { type: 'string' },
    size: { type: 'string' },
    years: { type: 'string' },
    seed: { type: 'string' },
  },
});
if (values.department && values.departments) throw new Error('give --department or --departments, not both');
const client = new pg.Client({ connectionString: readDatabaseUrl() });
await client.connect();
try {
  const load = await loadScalePopulations(client, {
    departments: values.departments ? parseDepartments(values.departments) : [values.department ?? '62'],
    ...(values.size ? { size: Number(values.size) } : {}),
    ...(values.years ? { historyDays: Math.round(Number(values.years) * 365) } : {}),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    onDepartment: (d) =>
      console.log(
        `${d.departmentCode}: ${d.people} people, ${rowsOf(d)} rows${d.territoriesCreated ? `, ${d.territoriesCreated} synthetic territories` : ''} — generated in ${d.generateMs} ms, COPY in ${d.copyMs} ms (${Math.round(rowsOf(d) / (d.copyMs / 1000))} rows/s)`,
      ),
  });
  console.log(`${load.departments.length} Départements, ${load.rows} rows in ${load.totalMs} ms (analyze ${load.analyzeMs} ms): ${load.rowsPerSecond} rows/s`);
} finally {
  await client.end();
}
