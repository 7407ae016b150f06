import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { SUBGRAPH_TRANSPORT_OPTIONS, supergraphPath, useCallerToken } from '@passerelles/gateway';
import type { Caller } from '@passerelles/subgraph-kit/identity';
import { parse } from 'graphql';
import type { BenchContext, Scenario } from '../harness.js';

/** Requests in flight together in one burst: a steering committee opening the same page at once. */
const BURST = 20;
const QUERY = `{ territories { id activeBeneficiaries placesContracted partnerCount fundingCommitted } }`;
const ADMIN_62: Caller = { userId: 'bench-admin-62', role: 'ADMIN', departmentCode: '62', territoryIds: [], partnerId: null };

interface BenchGateway {
  url: string;
  server: Server;
}

/**
 * A gateway runtime like the production one (same supergraph, transport, caller-token signing),
 * without sessions, serving one fixed caller; `merging` turns the HTTP executor's in-flight
 * deduplication back on, as it was before ADR 0013. Benchmark only: that setting shares one
 * caller's answer with another, and the production gateway has no way to turn it on.
 */
async function benchGateway(ctx: BenchContext, merging: boolean): Promise<BenchGateway> {
  const supergraph = parse(await readFile(supergraphPath, 'utf8'));
  const callerToken = await useCallerToken(ctx.system.keys.privateKeyPem, () => ADMIN_62);
  const runtime = createGatewayRuntime({
    supergraph,
    transports: { http: httpTransport },
    transportEntries: Object.fromEntries(
      Object.entries(ctx.system.urls.subgraphs).map(([name, location]) => [
        name,
        { location, options: merging ? { deduplicateInflightRequests: true } : SUBGRAPH_TRANSPORT_OPTIONS },
      ]),
    ),
    plugins: () => [callerToken],
    batching: false,
    maskedErrors: true,
    landingPage: false,
    graphiql: false,
    logging: 'error',
  } as Parameters<typeof createGatewayRuntime>[0]);
  const server = createServer((req, res) => void runtime.requestListener(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

const gateways = new Map<boolean, Promise<BenchGateway>>();
const gatewayOf = (ctx: BenchContext, merging: boolean): Promise<BenchGateway> => {
  let gateway = gateways.get(merging);
  if (!gateway) {
    gateway = benchGateway(ctx, merging);
    gateways.set(merging, gateway);
    ctx.onClose(async () => {
      const { server } = await gateway!;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
  }
  return gateway;
};

async function burst(ctx: BenchContext, merging: boolean): Promise<void> {
  const { url } = await gatewayOf(ctx, merging);
  const answers = await Promise.all(
    Array.from({ length: BURST }, async () => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
      return (await response.json()) as { data?: { territories?: unknown[] }; errors?: unknown[] };
    }),
  );
  const failed = answers.find((a) => !a.data?.territories?.length || a.errors);
  if (failed) throw new Error(`A burst answer failed: ${JSON.stringify(failed).slice(0, 300)}`);
}

/**
 * The honest figure of ADR 0013: a burst of identical queries with the in-flight merging off (as
 * the gateway runs now) against the same burst with it on (as it ran before, when it leaked one
 * caller's answer to another). Throughput = BURST ÷ the burst's median.
 */
export const gatewayConcurrency: Scenario = {
  name: `gateway burst of ${BURST} identical queries, in-flight merging off`,
  description: `${BURST} concurrent territories queries (four subgraphs) through a gateway runtime without sessions; baseline: the same runtime with the HTTP executor's in-flight merging on (the leak ADR 0013 removed)`,
  run: (ctx) => burst(ctx, false),
  baseline: { name: 'merging on (before ADR 0013)', run: (ctx) => burst(ctx, true) },
};
