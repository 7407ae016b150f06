import type { Caller } from '@passerelles/subgraph-kit/identity';
import { serveBenchRuntime, type BenchRuntime } from '../bench-runtime.js';
import type { BenchContext, Scenario } from '../harness.js';

/** Requests in flight together in one burst: a steering committee opening the same page at once. */
const BURST = 20;
const QUERY = `{ territories { id activeBeneficiaries placesContracted partnerCount fundingCommitted } }`;
const ADMIN_62: Caller = { userId: 'bench-admin-62', role: 'ADMIN', departmentCode: '62', territoryIds: [], partnerId: null };

/**
 * A gateway runtime like the production one (`serveBenchRuntime`), serving one fixed caller;
 * `merging` turns the HTTP executor's in-flight deduplication back on, as it was before ADR 0013.
 * Benchmark only: that setting shares one caller's answer with another, and the production gateway
 * has no way to turn it on.
 */
const benchGateway = (ctx: BenchContext, merging: boolean): Promise<BenchRuntime> =>
  serveBenchRuntime({ subgraphUrls: ctx.system.urls.subgraphs, signingKeyPem: ctx.system.keys.privateKeyPem, caller: ADMIN_62, merging });

const gateways = new Map<boolean, Promise<BenchRuntime>>();
const gatewayOf = (ctx: BenchContext, merging: boolean): Promise<BenchRuntime> => {
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
