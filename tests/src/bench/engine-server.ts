import { readFile } from 'node:fs/promises';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CallerTokenSigner, type Caller } from '@passerelles/subgraph-kit/identity';
import { Kind, parse, print, visit, type DirectiveNode } from 'graphql';
import { serveBenchRuntime } from './bench-runtime.js';

/**
 * The engine the throughput benchmark compares the project's gateway with (issue 15):
 * `@apollo/gateway` + `@apollo/server`, in a process of its own like the project's gateway, on a copy
 * of the committed supergraph without the directives it refuses to load, in front of the same running
 * subgraphs. It serves one caller (no sessions), whose Ed25519 token it signs once per client request
 * and sends on every subgraph fetch of it. With `engine: 'hive'`, it serves the Hive runtime alone
 * instead, to tell the runtime's cost from the gateway's sessions, limits and authorization.
 * (`@graphql-hive/router-runtime` was tried here too: its first request never answered; ADR 0024.)
 * Started by `scenarios/gateway-throughput.ts` with `fork()`, which sends it its `Config`; it answers
 * `{ url }` once it listens.
 */
export interface Config {
  /** `apollo`: the baseline; `hive`: the Hive runtime alone, built like the production one but without sessions, limits or authorization (`bench-runtime.ts`). */
  engine: 'apollo' | 'hive';
  supergraphPath: string;
  /** Where each subgraph of this run listens, by name (the supergraph's URLs are `npm start`'s ports). */
  subgraphUrls: Record<string, string>;
  signingKeyPem: string;
  caller: Caller;
}

/** Directives `@apollo/gateway` refuses (`for: SECURITY` links it does not implement), and their scalar. */
const REFUSED = new Set(['authenticated', 'requiresScopes']);
const REFUSED_TYPES = new Set(['requiresScopes__Scope']);

/** The supergraph minus `@authenticated` and `@requiresScopes`: their `@link`s, definitions, scalar and uses. */
function withoutRefusedDirectives(supergraph: string): string {
  const links = (node: DirectiveNode): boolean => {
    if (node.name.value !== 'link') return false;
    const url = node.arguments?.find((a) => a.name.value === 'url')?.value;
    return url?.kind === Kind.STRING && [...REFUSED].some((name) => url.value.includes(`/${name}/`));
  };
  const document = visit(parse(supergraph), {
    Directive: (node) => (REFUSED.has(node.name.value) || links(node) ? null : undefined),
    DirectiveDefinition: (node) => (REFUSED.has(node.name.value) ? null : undefined),
    ScalarTypeDefinition: (node) => (REFUSED_TYPES.has(node.name.value) ? null : undefined),
  });
  return print(document);
}

interface Context {
  token: string;
}

async function apollo(config: Config): Promise<string> {
  const { caller } = config;
  const supergraphSdl = withoutRefusedDirectives(await readFile(config.supergraphPath, 'utf8'));
  const signer = await CallerTokenSigner.fromPem(config.signingKeyPem);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<Context>({
        url: config.subgraphUrls[name] ?? url,
        willSendRequest({ request, context }) {
          request.http?.headers.set('authorization', `Bearer ${context.token}`);
        },
      }),
  });
  const server = new ApolloServer<Context>({ gateway, introspection: false, includeStacktraceInErrorResponses: false });
  let requests = 0;
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async () => ({ token: await signer.sign(caller, `bench-apollo-${++requests}`) }),
  });
  return url;
}

async function hive(config: Config): Promise<string> {
  return (await serveBenchRuntime({ subgraphUrls: config.subgraphUrls, signingKeyPem: config.signingKeyPem, caller: config.caller })).url;
}

process.once('message', (message) => {
  const config = message as Config;
  (config.engine === 'apollo' ? apollo(config) : hive(config))
    .then((url) => process.send!({ url }))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    });
});
