import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { SUBGRAPH_TRANSPORT_OPTIONS, supergraphPath, useCallerToken } from '@passerelles/gateway';
import type { Caller } from '@passerelles/subgraph-kit/identity';
import { parse } from 'graphql';

export interface BenchRuntime {
  url: string;
  server: Server;
}

export interface BenchRuntimeOptions {
  subgraphUrls: Record<string, string>;
  signingKeyPem: string;
  /** The one caller it serves (no sessions). */
  caller: Caller;
  /** The HTTP executor's in-flight merging back on, as before ADR 0013 (it shares one caller's answer with another). */
  merging?: boolean;
}

/**
 * A Hive gateway runtime like the production one (same supergraph, transport, caller-token signing),
 * without sessions, limits or the gateway's own fields, listening on a free port. Benchmark only.
 */
export async function serveBenchRuntime(options: BenchRuntimeOptions): Promise<BenchRuntime> {
  const supergraph = parse(await readFile(supergraphPath, 'utf8'));
  const callerToken = await useCallerToken(options.signingKeyPem, () => options.caller);
  const runtime = createGatewayRuntime({
    supergraph,
    transports: { http: httpTransport },
    transportEntries: Object.fromEntries(
      Object.entries(options.subgraphUrls).map(([name, location]) => [
        name,
        { location, options: options.merging ? { deduplicateInflightRequests: true } : SUBGRAPH_TRANSPORT_OPTIONS },
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
