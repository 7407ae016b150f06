import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { DEMO_PASSWORD } from '@passerelles/db';
import { supergraphPath } from '@passerelles/gateway';
import type { Caller } from '@passerelles/subgraph-kit/identity';
import { sessionTokenOf } from '../../support/system.js';
import type { Config } from '../engine-server.js';
import type { BenchContext, Scenario } from '../harness.js';

/**
 * Issue 15, goal 1: the project's gateway against `@apollo/gateway` on the same supergraph and the
 * same running subgraphs, each in a process of its own, with C keep-alive connections. One timed run
 * sends `REQUESTS_PER_CONNECTION × C` requests over the C connections, each with a different period
 * (so no two requests of a run are alike: nothing could be merged or answered from a cache);
 * throughput = requests ÷ the run's wall-clock time, and the harness's ratio (project ÷ Apollo, in
 * time) is the inverse of the throughput ratio.
 */
const REQUESTS_PER_CONNECTION = 1;
const ADMIN_EMAIL = 'admin.62@demo.passerelles.fr';

/** The territory overview (four subgraphs, three stages), plus one figure that depends on the variables. */
const QUERY = `query Overview($period: PeriodInput!) {
  territories { id name activeBeneficiaries placesContracted partnerCount fundingCommitted peopleOriented(period: $period) { value suppressed } }
}`;

let sequence = 0;
/** A period ending on a different day for each request (cycling over about two years). */
function nextVariables(): { period: { from: string; to: string } } {
  const to = new Date(Date.UTC(2025, 0, 1) + (sequence++ % 700) * 86_400_000);
  return { period: { from: '2025-01-01', to: to.toISOString().slice(0, 10) } };
}

interface Engine {
  url: URL;
  headers: Record<string, string>;
}

function post(engine: Engine, agent: Agent, variables: unknown): Promise<string> {
  const body = JSON.stringify({ query: QUERY, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      engine.url,
      { method: 'POST', agent, headers: { ...engine.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200 || !text.startsWith('{"data":{"territories":[{') || text.includes('"errors"')) {
            reject(new Error(`${engine.url.href} answered ${res.statusCode}: ${text.slice(0, 300)}`));
          } else resolve(text);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The project's gateway as `npm start` runs it (sessions, limits, authorization), signed in as the Pas-de-Calais administrator. */
async function projectGateway(ctx: BenchContext): Promise<Engine> {
  const login = await fetch(new URL('/auth/login', ctx.gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: DEMO_PASSWORD }),
  });
  return { url: new URL(ctx.gatewayUrl), headers: { cookie: `passerelles_session=${sessionTokenOf(login)}` } };
}

type EngineName = 'project' | Config['engine'];

/** `@apollo/gateway`, or the Hive runtime alone, in a child process (`../engine-server.ts`), serving the same administrator. */
async function childEngine(ctx: BenchContext, engine: Config['engine']): Promise<Engine> {
  const [user] = (await ctx.query(
    'select id, role, department_code, territory_ids, partner_id from auth.app_user where email = $1',
    [ADMIN_EMAIL],
  )) as { id: string; role: Caller['role']; department_code: string; territory_ids: string[] | null; partner_id: string | null }[];
  const caller: Caller = { userId: user!.id, role: user!.role, departmentCode: user!.department_code, territoryIds: user!.territory_ids ?? [], partnerId: user!.partner_id };
  const child: ChildProcess = fork(new URL('../engine-server.js', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  ctx.onClose(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    // The Hive runtime answers SIGTERM by disposing itself, which was seen never to finish (the
    // bench then never exited): an engine of the bench holds nothing to save.
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(kill);
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`The ${engine} engine exited (${code}) before listening`)));
    const config: Config = { engine, supergraphPath, subgraphUrls: ctx.system.urls.subgraphs, signingKeyPem: ctx.system.keys.privateKeyPem, caller };
    child.send(config);
  });
  return { url: new URL(url), headers: {} };
}

const engines = new Map<string, Promise<Engine>>();
const engineOf = (ctx: BenchContext, name: EngineName): Promise<Engine> => {
  let engine = engines.get(name);
  if (!engine) {
    engine = name === 'project' ? projectGateway(ctx) : childEngine(ctx, name);
    engines.set(name, engine);
  }
  return engine;
};

const agents = new Map<string, Agent>();
/** C keep-alive connections per engine and level, opened on first use and kept. */
function agentOf(name: string, connections: number, ctx: BenchContext): Agent {
  const key = `${name}/${connections}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
    agents.set(key, agent);
    const opened = agent;
    ctx.onClose(async () => opened.destroy());
  }
  return agent;
}

/** `REQUESTS_PER_CONNECTION × connections` distinct requests, `connections` at a time. */
async function run(ctx: BenchContext, name: EngineName, connections: number): Promise<void> {
  const engine = await engineOf(ctx, name);
  const agent = agentOf(name, connections, ctx);
  let left = REQUESTS_PER_CONNECTION * connections;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (left > 0) {
        left--;
        await post(engine, agent, nextVariables());
      }
    }),
  );
}

/** Checks that two engines give the same answer to the same request. */
async function sameAnswers(ctx: BenchContext, a: EngineName, b: EngineName): Promise<void> {
  const variables = nextVariables();
  const agent = agentOf('verify', 1, ctx);
  const [first, second] = await Promise.all([post(await engineOf(ctx, a), agent, variables), post(await engineOf(ctx, b), agent, variables)]);
  if (!isDeepStrictEqual(JSON.parse(first), JSON.parse(second))) {
    throw new Error(`The ${a} and ${b} engines disagree:\n${first.slice(0, 500)}\n${second.slice(0, 500)}`);
  }
}

const WHAT = (connections: number): string =>
  `${REQUESTS_PER_CONNECTION * connections} territory overviews with a different period each, ${connections} at a time over keep-alive connections`;

function throughputScenario(connections: number): Scenario {
  return {
    name: `gateway throughput, ${connections} connections, distinct queries`,
    description: `${WHAT(connections)}, through the project's gateway (sessions and all); baseline: @apollo/gateway on the same supergraph (without @authenticated/@requiresScopes) and subgraphs`,
    run: (ctx) => run(ctx, 'project', connections),
    baseline: { name: '@apollo/gateway', run: (ctx) => run(ctx, 'apollo', connections) },
    verify: (ctx) => sameAnswers(ctx, 'project', 'apollo'),
  };
}

/** Where the project's gateway spends: the Hive runtime alone (no sessions, limits or authorization), in its own process; compare with the rows above, same run. */
function runtimeAloneScenario(connections: number): Scenario {
  return {
    name: `gateway throughput, ${connections} connections, distinct queries, Hive runtime alone (no sessions, limits, authorization)`,
    description: `${WHAT(connections)}, through the Hive runtime built like the production one (transport, caller token) without the gateway's sessions, limits and authorization`,
    run: (ctx) => run(ctx, 'hive', connections),
    verify: (ctx) => sameAnswers(ctx, 'hive', 'apollo'),
  };
}

export const gatewayThroughput: Scenario[] = [throughputScenario(10), throughputScenario(50), runtimeAloneScenario(10), runtimeAloneScenario(50)];
