import { z } from 'zod';

export interface SubgraphEnv {
  databaseUrl: string;
  host: string;
  port: number;
  gatewayPublicKeyPem: string;
  production: boolean;
  debugSql: boolean;
  /** The services' Ed25519 key pair (ADR 0021): the private key signs the events this subgraph emits, the public key checks those it receives. */
  serviceSigningKeyPem: string | null;
  servicePublicKeyPem: string | null;
  /** Where the other subgraphs receive events (`CONTRACTS_INTERNAL_URL`… → `contracts`). */
  internalUrls: Record<string, string>;
}

const pem = (kind: 'PRIVATE' | 'PUBLIC', what: string) =>
  z
    .string()
    .transform((v) => v.replace(/\\n/g, '\n'))
    .pipe(z.string().includes(`BEGIN ${kind} KEY`, { message: `must be ${what}` }))
    .optional();

/**
 * Parses a subgraph's settings. Variables are prefixed with the subgraph's name
 * (`PARTNERS_PORT`…) so that all four can share one shell; the rest is common.
 */
export function parseSubgraphEnv(name: string, defaultPort: number, env: NodeJS.ProcessEnv): SubgraphEnv {
  const prefix = name.toUpperCase();
  const schema = z.object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
    [`${prefix}_HOST`]: z.string().min(1).default('127.0.0.1'),
    [`${prefix}_PORT`]: z.coerce.number().int().min(1).max(65535).default(defaultPort),
    GATEWAY_PUBLIC_KEY: z
      .string()
      .transform((v) => v.replace(/\\n/g, '\n'))
      .pipe(z.string().includes('BEGIN PUBLIC KEY', { message: 'must be the gateway’s Ed25519 public key (SPKI PEM)' })),
    SERVICE_SIGNING_KEY: pem('PRIVATE', 'the services’ Ed25519 private key (PKCS#8 PEM)'),
    SERVICE_PUBLIC_KEY: pem('PUBLIC', 'the services’ Ed25519 public key (SPKI PEM)'),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DB_DEBUG: z.enum(['0', '1', 'true', 'false']).default('0'),
  });
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration of the ${name} subgraph: ${issues}`);
  }
  const v = parsed.data as Record<string, string | number>;
  return {
    databaseUrl: String(v.DATABASE_URL),
    host: String(v[`${prefix}_HOST`]),
    port: Number(v[`${prefix}_PORT`]),
    gatewayPublicKeyPem: String(v.GATEWAY_PUBLIC_KEY),
    production: v.NODE_ENV === 'production',
    debugSql: v.DB_DEBUG === '1' || v.DB_DEBUG === 'true',
    serviceSigningKeyPem: v.SERVICE_SIGNING_KEY ? String(v.SERVICE_SIGNING_KEY) : null,
    servicePublicKeyPem: v.SERVICE_PUBLIC_KEY ? String(v.SERVICE_PUBLIC_KEY) : null,
    internalUrls: internalUrlsOf(env),
  };
}

/** `<NAME>_INTERNAL_URL` variables, by subgraph name. */
function internalUrlsOf(env: NodeJS.ProcessEnv): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const name = /^([A-Z]+)_INTERNAL_URL$/.exec(key)?.[1];
    if (!name || !value) continue;
    if (!/^https?:\/\/[^/]+$/.test(value)) throw new Error(`Invalid configuration: ${key} must be a base URL such as http://127.0.0.1:4003 (no path)`);
    urls[name.toLowerCase()] = value;
  }
  return urls;
}
