import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { parse } from 'graphql';
import type { GatewayEnv } from './env.js';
import { demoCaller, useCallerToken } from './identity.js';
import { supergraphPath } from './compose/compose.js';

export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

/** The gateway runtime over the committed supergraph, with subgraph URLs from configuration. */
export async function createGateway(env: GatewayEnv): Promise<GatewayRuntime> {
  const supergraph = parse(await readFile(supergraphPath, 'utf8'));
  const callerToken = await useCallerToken(env.signingKeyPem, () => demoCaller(env.demoDepartment));
  return createGatewayRuntime({
    supergraph,
    transports: { http: httpTransport },
    transportEntries: Object.fromEntries(Object.entries(env.subgraphUrls).map(([name, location]) => [name, { location }])),
    plugins: () => [callerToken],
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthcheck',
    readinessCheckEndpoint: '/readiness',
    landingPage: false,
    graphiql: !env.production,
    maskedErrors: true,
    logging: 'warn',
  });
}

export async function serveGateway(env: GatewayEnv): Promise<RunningGateway> {
  const gateway = await createGateway(env);
  const server: Server = createServer(gateway.requestListener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.port, env.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${env.host}:${port}/graphql`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
}
