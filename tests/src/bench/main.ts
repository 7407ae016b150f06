import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startSystem } from '@passerelles/gateway/system';
import { DEMO_PASSWORD, prepareDatabase, repoRoot, startEmbeddedPostgres } from '@passerelles/db';
import { launchBrowser, signIn, type TestBrowser } from '../support/browser.js';
import { freePort, freeSystemPorts } from '../support/ports.js';
import { sessionTokenOf } from '../support/system.js';
import { runScenarios, toMarkdown, type BenchContext, type BenchDashboard } from './harness.js';
import { scalePopulation } from './scenarios/beneficiaries-indicators.js';
import { scenarios } from './scenarios/index.js';

/**
 * `npm run bench [-- --iterations 200 --warmup 20 --only NAME --record]`, and for the scale population of the
 * indicators and Pilotage scenarios `--population-size N --population-years Y --population-departments <n | codes>
 * --population-others-size M` (people in Pas-de-Calais, years of history, Départements beside 62, people in each of
 * them: by default N): starts the system (with the
 * dashboard) on a throwaway embedded PostgreSQL with the demo data, runs the scenarios (browser ones in
 * Debian's Chromium), writes a JSON report to
 * tests/artifacts/ and prints a Markdown table (`--record` appends it to docs/benchmarks.md).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      iterations: { type: 'string', default: '100' },
      warmup: { type: 'string', default: '10' },
      only: { type: 'string' },
      record: { type: 'boolean', default: false },
      'population-size': { type: 'string' },
      'population-years': { type: 'string' },
      'population-departments': { type: 'string' },
      'population-others-size': { type: 'string' },
    },
  });
  scalePopulation({ size: values['population-size'], years: values['population-years'], departments: values['population-departments'], othersSize: values['population-others-size'] });
  const selected = scenarios.filter((s) => !values.only || s.name.includes(values.only));
  const dataDir = await mkdtemp(join(tmpdir(), 'passerelles-bench-'));
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, database: 'bench' });
  await prepareDatabase(database.url);
  const system = await startSystem({
    db: { databaseUrl: database.url, dataDir, embeddedPort: 0, debug: false },
    ports: await freeSystemPorts(),
    keys: null,
    seedDemo: true,
    nodeEnv: 'production',
    // The scenarios send their own operations: production settings, but not restricted to the dashboard's trusted documents.
    gatewayEnv: { TRUSTED_DOCUMENTS: '0' },
    withDashboard: true,
    log: () => undefined,
  });
  const browsers: TestBrowser[] = [];
  /** A Chromium of its own for each account: a browser's profile shares its cookies between its tabs. */
  const openDashboard = async (email: string): Promise<BenchDashboard> => {
    const browser = await launchBrowser();
    browsers.push(browser);
    const page = await browser.newPage();
    const url = system.urls.dashboard!;
    await signIn(page, url, email, DEMO_PASSWORD);
    return { url, page };
  };
  let dashboard: Promise<BenchDashboard> | null = null;
  let adminDashboard: Promise<BenchDashboard> | null = null;
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const closers: (() => Promise<void>)[] = [];
  const sessionOf = async (email: string): Promise<string> =>
    sessionTokenOf(
      await fetch(new URL('/auth/login', system.urls.gateway), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      }),
    );
  const [token, steeringToken] = [await sessionOf('admin.62@demo.passerelles.fr'), await sessionOf('pilotage.62@demo.passerelles.fr')];
  const send = async (session: string, query: string, variables: Record<string, unknown>): Promise<unknown> => {
    const response = await fetch(system.urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `passerelles_session=${session}` },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  };
  const ctx: BenchContext = {
    gatewayUrl: system.urls.gateway,
    databaseUrl: database.url,
    query: async (sql, params = []) => (await pool.query(sql, params)).rows,
    graphql: (query, variables = {}) => send(token, query, variables),
    graphqlAsSteering: (query, variables = {}) => send(steeringToken, query, variables),
    dashboard: () => (dashboard ??= openDashboard('pilotage.62@demo.passerelles.fr')),
    dashboardAsAdmin: () => (adminDashboard ??= openDashboard('admin.62@demo.passerelles.fr')),
    system,
    onClose: (close) => closers.push(close),
  };
  try {
    const report = await runScenarios(ctx, selected, Number(values.warmup), Number(values.iterations));
    const artifacts = resolve(repoRoot, 'tests', 'artifacts');
    await mkdir(artifacts, { recursive: true });
    const file = join(artifacts, `bench-${report.date.replace(/[:.]/g, '-')}.json`);
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    const markdown = toMarkdown(report);
    console.log(`\n${markdown}\nJSON report: ${file}`);
    if (values.record) await appendFile(resolve(repoRoot, 'docs', 'benchmarks.md'), `\n${markdown}`);
  } finally {
    for (const close of closers) await close();
    for (const browser of browsers) await browser.close();
    await pool.end();
    await system.stop();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
