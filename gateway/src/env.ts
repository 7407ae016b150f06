import proxyaddr from 'proxy-addr';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const url = z.string().url();
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const schema = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
    GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
    GATEWAY_PORT: port.default(4000),
    GATEWAY_SIGNING_KEY: z
      .string()
      .transform((v) => v.replace(/\\n/g, '\n'))
      .pipe(z.string().includes('BEGIN PRIVATE KEY', { message: 'must be an Ed25519 private key (PKCS#8 PEM)' })),
    BENEFICIARIES_URL: url.default('http://127.0.0.1:4001/graphql'),
    PARTNERS_URL: url.default('http://127.0.0.1:4002/graphql'),
    CONTRACTS_URL: url.default('http://127.0.0.1:4003/graphql'),
    FUNDING_URL: url.default('http://127.0.0.1:4004/graphql'),
    PUBLIC_URL: url.default('http://localhost:3000'),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
    LOGIN_ATTEMPTS_PER_WINDOW: z.coerce.number().int().min(1).default(30),
    LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    TRUSTED_PROXIES: z
      .string()
      .default('loopback')
      .transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean))
      .superRefine((list, ctx) => {
        try {
          proxyaddr.compile(list);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `must list IP addresses, CIDR ranges or loopback/linklocal/uniquelocal (${error instanceof Error ? error.message : String(error)})` });
        }
      }),
    OIDC_ISSUER: url.optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_REDIRECT_URI: url.optional(),
    OIDC_SCOPES: z.string().default('openid email'),
    OIDC_ALLOW_INSECURE: flag.default(false),
    TRUSTED_DOCUMENTS: flag.optional(),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  })
  .refine((v) => !v.OIDC_ISSUER || (v.OIDC_CLIENT_ID && v.OIDC_CLIENT_SECRET && v.OIDC_REDIRECT_URI), {
    message: 'OIDC_ISSUER needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI',
    path: ['OIDC_ISSUER'],
  });

export interface GatewayEnv {
  databaseUrl: string;
  host: string;
  port: number;
  signingKeyPem: string;
  subgraphUrls: Record<'beneficiaries' | 'partners' | 'contracts' | 'funding', string>;
  /** Where users reach the dashboard: allowed origin of state-changing requests, and cookie security. */
  publicUrl: string;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number; attemptsPerWindow: number; windowMinutes: number };
  /**
   * Proxies whose `X-Forwarded-For` is believed (addresses, CIDR ranges, `loopback`…): the login
   * limit counts the right-most address of the chain that is not one of them.
   */
  trustedProxies: string[];
  oidc: { issuer: string; clientId: string; clientSecret: string; redirectUri: string; scopes: string; allowInsecure: boolean } | null;
  /** Accept only the dashboard's persisted operations (default: on in production). */
  trustedDocuments: boolean;
  production: boolean;
}

export function readGatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid gateway configuration: ${issues}`);
  }
  const v = parsed.data;
  const production = v.NODE_ENV === 'production';
  return {
    databaseUrl: v.DATABASE_URL,
    host: v.GATEWAY_HOST,
    port: v.GATEWAY_PORT,
    signingKeyPem: v.GATEWAY_SIGNING_KEY,
    subgraphUrls: { beneficiaries: v.BENEFICIARIES_URL, partners: v.PARTNERS_URL, contracts: v.CONTRACTS_URL, funding: v.FUNDING_URL },
    publicUrl: v.PUBLIC_URL,
    session: { idleMinutes: v.SESSION_IDLE_MINUTES, absoluteHours: v.SESSION_ABSOLUTE_HOURS },
    login: {
      maxFailures: v.LOGIN_MAX_FAILURES,
      lockMinutes: v.LOGIN_LOCK_MINUTES,
      attemptsPerWindow: v.LOGIN_ATTEMPTS_PER_WINDOW,
      windowMinutes: v.LOGIN_WINDOW_MINUTES,
    },
    trustedProxies: v.TRUSTED_PROXIES,
    oidc:
      v.OIDC_ISSUER && v.OIDC_CLIENT_ID && v.OIDC_CLIENT_SECRET && v.OIDC_REDIRECT_URI
        ? {
            issuer: v.OIDC_ISSUER,
            clientId: v.OIDC_CLIENT_ID,
            clientSecret: v.OIDC_CLIENT_SECRET,
            redirectUri: v.OIDC_REDIRECT_URI,
            scopes: v.OIDC_SCOPES,
            allowInsecure: v.OIDC_ALLOW_INSECURE,
          }
        : null,
    trustedDocuments: v.TRUSTED_DOCUMENTS ?? production,
    production,
  };
}
