import { parseArgs } from 'node:util';
import pg from 'pg';
import { readDatabaseUrl } from '../env.js';
import { loadScalePopulation } from './population.load.js';

/**
 * `npm run population -w @passerelles/beneficiaries -- [--department 62] [--size 52700] [--seed N]`
 * Loads a synthetic Département at real scale into DATABASE_URL (migrated) and prints the timings.
 */
const { values } = parseArgs({ options: { department: { type: 'string', default: '62' }, size: { type: 'string' }, seed: { type: 'string' } } });
const client = new pg.Client({ connectionString: readDatabaseUrl() });
await client.connect();
try {
  const load = await loadScalePopulation(client, {
    departmentCode: values.department,
    ...(values.size ? { size: Number(values.size) } : {}),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
  });
  console.log(JSON.stringify(load, null, 2));
} finally {
  await client.end();
}
