import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { LoaderRegistry, type SubgraphContext } from './context.js';
import { maskError, userInputError } from './errors.js';
import type { CallerTokenVerifier } from './identity/token.js';
import type { ServiceTokenVerifier } from './identity/service-token.js';
import type { InternalHandler } from './events/internal.js';

export interface ServeOptions {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  verifier: CallerTokenVerifier;
  host: string;
  port: number;
  production: boolean;
  log?: (line: string) => void;
  /** Events this subgraph receives from others (ADR 0021), served on `POST /internal/<topic>`. */
  internal?: Record<string, InternalHandler>;
  /** Verifies the services' tokens; without it, `/internal/*` answers 404. */
  serviceVerifier?: ServiceTokenVerifier | null;
}

export interface RunningSubgraph {
  url: string;
  close(): Promise<void>;
}

/** Above the gateway's largest body (an administrator's import, 8 MiB), with room for its own wrapping. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

function logErrors(log: (line: string) => void, name: string): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            // A database refusal of the caller's input is answered as their error: no stack to log.
            if ((code === 'INTERNAL_SERVER_ERROR' || code === undefined) && !userInputError(error.originalError)) {
              log(`[${name}] correlation=${contextValue.correlationId} ${error.originalError?.stack ?? error.message}`);
            }
          }
        },
      };
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One event from another subgraph: a valid service token from a service the handler accepts, a
 * payload of the handler's shape (400 otherwise: sending it again would not help), then the
 * handler; a failure of the handler is a 500 and the emitter's relay sends the event again.
 */
async function receiveEvent(options: ServeOptions, topic: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const handler = options.internal?.[topic];
  if (!handler || !options.serviceVerifier || req.method !== 'POST') return send(res, 404, { error: 'Not found' });
  const check = await options.serviceVerifier.verify(req.headers.authorization);
  if (!check.ok) return send(res, 401, { error: check.reason });
  if (!handler.from.includes(check.sender.service)) return send(res, 403, { error: `${check.sender.service} may not send ${topic}` });
  let body: { id?: unknown; key?: unknown; payload?: unknown };
  try {
    body = JSON.parse(await readBody(req)) as typeof body;
  } catch {
    return send(res, 400, { error: 'Malformed request body' });
  }
  const payload = handler.payload.safeParse(body.payload);
  if (typeof body.id !== 'string' || typeof body.key !== 'string' || !payload.success) {
    const where = payload.success ? 'id and key must be strings' : payload.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return send(res, 400, { error: `Invalid ${topic} event: ${where}` });
  }
  const result = await handler.handle({ id: body.id, key: body.key, sender: check.sender, payload: payload.data, em: options.orm.em.fork() });
  return send(res, 200, { ok: true, result: result ?? null });
}

/**
 * Serves a subgraph over HTTP: `/graphql` for requests carrying a valid gateway token (anything
 * else is answered 401 before GraphQL runs), `/internal/<topic>` for events from other subgraphs
 * (service tokens only), `/health` for liveness, `/ready` for readiness.
 */
export async function serveSubgraph(options: ServeOptions): Promise<RunningSubgraph> {
  const log = options.log ?? ((line: string) => console.error(line));
  const apollo = new ApolloServer<SubgraphContext>({
    schema: options.schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.production,
    formatError: maskError,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), logErrors(log, options.name)],
  });
  await apollo.start();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    if (url.pathname === '/ready') {
      try {
        await options.orm.em.getConnection().execute('select 1');
        return send(res, 200, { status: 'ready' });
      } catch {
        return send(res, 503, { status: 'database unavailable' });
      }
    }
    if (url.pathname.startsWith('/internal/')) return receiveEvent(options, url.pathname.slice('/internal/'.length), req, res);
    if (url.pathname !== '/graphql') return send(res, 404, { errors: [{ message: 'Not found' }] });

    const check = await options.verifier.verify(req.headers.authorization);
    if (!check.ok) {
      res.setHeader('www-authenticate', 'Bearer realm="passerelles-subgraph"');
      return send(res, 401, { errors: [{ message: 'Unauthorized: requests must come through the gateway', extensions: { code: 'UNAUTHENTICATED' } }] });
    }

    let body: unknown;
    try {
      const text = req.method === 'POST' ? await readBody(req) : '';
      body = text && (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text;
    } catch {
      return send(res, 400, { errors: [{ message: 'Malformed request body', extensions: { code: 'BAD_REQUEST' } }] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const correlationId = check.correlationId ?? randomUUID();
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => ({
        caller: check.caller,
        correlationId,
        em: options.orm.em.fork(),
        loaders: new LoaderRegistry(),
      }),
    });
    const outgoing: Record<string, string> = {};
    for (const [key, value] of response.headers) outgoing[key] = value;
    res.writeHead(response.status ?? 200, outgoing);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`[${options.name}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) send(res, 500, { errors: [{ message: 'Internal server error' }] });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${address.port}/graphql`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
