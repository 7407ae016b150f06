import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultProtectSingleValidateFn, type ValidateUserFn } from '@envelop/generic-auth';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import type { Caller } from '@passerelles/subgraph-kit/identity';
import { GraphQLError, parse } from 'graphql';
import pg from 'pg';
import { adminResolvers, adminTypeDefs } from './admin/schema.js';
import { readCookie, SESSION_COOKIE } from './auth/cookies.js';
import { LoginService } from './auth/login.js';
import { OidcLogin } from './auth/oidc.js';
import { handleAuthRoute, isSameSiteJsonPost, send, trustProxies } from './auth/routes.js';
import { withRequestFailureStatus } from './status.js';
import { SessionStore } from './auth/sessions.js';
import { callerOfUser } from './auth/users.js';
import { supergraphPath } from './compose/compose.js';
import type { GatewayEnv } from './env.js';
import { useCallerToken } from './identity.js';
import { loadTrustedDocuments } from './trusted-documents.js';

export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

/** Limits on the shape of operations (graphql-armor); the limits are not revealed in messages. */
const LIMITS = { maxDepth: 12, maxCost: 5000, maxAliases: 15, maxDirectives: 10, maxTokens: 2000 };
/**
 * Request bodies: 256 KiB, except an administrator's, up to 8 MiB: the imports of the
 * Administration page carry whole files (2 MiB of CSV or data·inclusion JSON, escaped in JSON).
 * The document itself stays bounded by `LIMITS.maxTokens`; what an administrator may send more
 * of is variables.
 */
export const MAX_BODY_BYTES = 256 * 1024;
export const MAX_ADMIN_BODY_BYTES = 8 * 1024 * 1024;

/**
 * `@authenticated` and `@requiresScopes` checks, with a caller's missing role answered FORBIDDEN
 * (403), not as if they were not signed in.
 */
const validateCaller: ValidateUserFn<Caller> = (params) => {
  const error = defaultProtectSingleValidateFn(params);
  if (!error || params.user == null) return error;
  return new GraphQLError(`Your role (${params.user.role}) may not use ${params.fieldNode.name.value}.`, {
    nodes: [params.fieldNode],
    extensions: { code: 'FORBIDDEN' },
  });
};

/**
 * How the gateway talks to each subgraph. `deduplicateInflightRequests` is on by default in the
 * HTTP executor: identical subgraph requests in flight together share one fetch. Its key is the
 * URL and body, not the caller token that `useCallerToken` adds later (in `onFetch`), so two
 * callers asking the same thing at the same moment received one of the two answers — another
 * Département's data, or an administrator's unsuppressed counts for a steering user. Answers
 * depend on the caller: no subgraph request is ever shared (ADR 0013).
 */
export const SUBGRAPH_TRANSPORT_OPTIONS = { deduplicateInflightRequests: false } as const;

interface CallerContext {
  req?: IncomingMessage;
  caller?: Caller;
}

/** The gateway: sessions and login at `/auth/*`, the supergraph at `/graphql` for signed-in callers. */
export async function createGateway(env: GatewayEnv, db: pg.Pool, callers: WeakMap<IncomingMessage, Caller>): Promise<GatewayRuntime> {
  const supergraph = parse(await readFile(supergraphPath, 'utf8'));
  const callerOf = (req: IncomingMessage | undefined): Caller | undefined => (req ? callers.get(req) : undefined);
  const callerToken = await useCallerToken(env.signingKeyPem, (context) => callerOf((context as CallerContext).req) ?? null);
  const sessions = new SessionStore(db, env.session);
  const trusted = env.trustedDocuments ? await loadTrustedDocuments() : null;
  return createGatewayRuntime({
    supergraph,
    transports: { http: httpTransport },
    transportEntries: Object.fromEntries(
      Object.entries(env.subgraphUrls).map(([name, location]) => [name, { location, options: SUBGRAPH_TRANSPORT_OPTIONS }]),
    ),
    additionalTypeDefs: adminTypeDefs(supergraph),
    additionalResolvers: adminResolvers(db, sessions, (req) => callerOf(req as IncomingMessage | undefined)) as never,
    plugins: () => [
      callerToken,
      EnvelopArmorPlugin({
        maxDepth: { n: LIMITS.maxDepth, exposeLimits: false, ignoreIntrospection: false },
        costLimit: { maxCost: LIMITS.maxCost, exposeLimits: false },
        maxAliases: { n: LIMITS.maxAliases, exposeLimits: false },
        maxDirectives: { n: LIMITS.maxDirectives, exposeLimits: false },
        maxTokens: { n: LIMITS.maxTokens, exposeLimits: false },
        blockFieldSuggestion: { enabled: true },
      }),
    ],
    genericAuth: {
      mode: 'protect-granular',
      resolveUserFn: (context: CallerContext) => callerOf(context.req) ?? null,
      extractScopes: (caller: Caller) => [caller.role],
      validateUser: validateCaller as never,
      rejectUnauthenticated: true,
    },
    ...(trusted
      ? {
          persistedDocuments: {
            getPersistedOperation: (id: string) => trusted.get(id) ?? null,
            allowArbitraryDocuments: false,
          },
        }
      : {}),
    disableIntrospection: env.production ? { disableIf: () => true } : undefined,
    batching: false,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthcheck',
    readinessCheckEndpoint: '/readiness',
    landingPage: false,
    graphiql: !env.production,
    maskedErrors: true,
    logging: 'warn',
  } as Parameters<typeof createGatewayRuntime>[0]);
}

const tooLarge = (res: ServerResponse): void => send(res, 413, { errors: [{ message: 'Request too large.', extensions: { code: 'BAD_REQUEST' } }] });

export async function serveGateway(env: GatewayEnv): Promise<RunningGateway> {
  const db = new pg.Pool({ connectionString: env.databaseUrl, max: 10 });
  // An idle connection dropped by PostgreSQL (a restart, a failover) is an 'error' event: without a
  // listener it would end the process. The pool discards that client and opens a new one when needed.
  db.on('error', (error) => console.error(`[gateway] PostgreSQL connection lost: ${error.message}`));
  const callers = new WeakMap<IncomingMessage, Caller>();
  const gateway = await createGateway(env, db, callers);
  const sessions = new SessionStore(db, env.session);
  const login = new LoginService(db, sessions, env.login);
  const oidc = env.oidc ? new OidcLogin(db, sessions, env.oidc) : null;
  const publicOrigin = new URL(env.publicUrl).origin;
  const routes = {
    db,
    sessions,
    login,
    oidc,
    secureCookies: publicOrigin.startsWith('https:'),
    allowedOrigins: [publicOrigin],
    trustProxy: trustProxies(env.trustedProxies),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (path === '/healthcheck' || path === '/readiness') return gateway.requestListener(req, res);
    if (await handleAuthRoute(req, res, path, routes)) return;
    if (path !== '/graphql') return send(res, 404, { error: 'not_found' });
    // Node reads exactly Content-Length bytes; a body without it (chunked) could not be sized first.
    const length = Number(req.headers['content-length'] ?? 0);
    if (req.method === 'POST' && req.headers['content-length'] === undefined) {
      return send(res, 411, { errors: [{ message: 'Send the request with a Content-Length.', extensions: { code: 'BAD_REQUEST' } }] });
    }
    if (length > MAX_ADMIN_BODY_BYTES) return tooLarge(res);
    if (req.method === 'POST' && !isSameSiteJsonPost(req, routes.allowedOrigins)) {
      return send(res, 415, { errors: [{ message: 'Send GraphQL requests as application/json from an allowed origin.', extensions: { code: 'BAD_REQUEST' } }] });
    }
    const user = await sessions.resolve(readCookie(req, SESSION_COOKIE));
    if (!user) {
      return send(res, 401, { errors: [{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }] }, { 'www-authenticate': 'Cookie' });
    }
    const caller = callerOfUser(user);
    if (length > (caller.role === 'ADMIN' ? MAX_ADMIN_BODY_BYTES : MAX_BODY_BYTES)) return tooLarge(res);
    callers.set(req, caller);
    // Every answer is the caller's own: no shared HTTP cache may keep it for another.
    res.setHeader('cache-control', 'private, no-store');
    return gateway.requestListener(req, withRequestFailureStatus(res));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(`[gateway] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) send(res, 500, { errors: [{ message: 'Internal server error' }] });
      else res.end();
    });
  });
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
      await db.end();
    },
  };
}
