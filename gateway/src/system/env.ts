import { readDbEnv, type DbEnv } from '@passerelles/db';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

const schema = z.object({
  DASHBOARD_PORT: port.default(3000),
  GATEWAY_PORT: port.default(4000),
  BENEFICIARIES_PORT: port.default(4001),
  PARTNERS_PORT: port.default(4002),
  CONTRACTS_PORT: port.default(4003),
  FUNDING_PORT: port.default(4004),
  GATEWAY_SIGNING_KEY: z.string().optional(),
  GATEWAY_PUBLIC_KEY: z.string().optional(),
  SERVICE_SIGNING_KEY: z.string().optional(),
  SERVICE_PUBLIC_KEY: z.string().optional(),
  BENEFICIARIES_ENCRYPTION_KEY: z.string().optional(),
  SEED_DEMO: z.enum(['0', '1', 'true', 'false']).default('1'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PUBLICATION_INTERVAL_HOURS: z.coerce.number().min(0).default(24),
});

export interface SystemEnv {
  db: DbEnv;
  ports: { dashboard: number; gateway: number; beneficiaries: number; partners: number; contracts: number; funding: number };
  keys: { privateKeyPem: string; publicKeyPem: string } | null;
  /** The key pair subgraphs sign and check the events they send each other with (ADR 0021); a fresh pair per run when null. */
  serviceKeys?: { privateKeyPem: string; publicKeyPem: string } | null;
  /** Key of people's identifying fields (32 bytes, base64); when absent, one kept in the data dir (made on first run). */
  beneficiariesEncryptionKey?: string | null;
  seedDemo: boolean;
  nodeEnv: 'development' | 'production' | 'test';
  /** How often `npm start` runs the publication job (ADR 0023), first at start; 0: never (run it from cron). */
  publicationIntervalHours?: number;
}

/** Settings of `npm start` (the whole system on one machine). */
export function readSystemEnv(env: NodeJS.ProcessEnv = process.env): SystemEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const v = parsed.data;
  if (Boolean(v.GATEWAY_SIGNING_KEY) !== Boolean(v.GATEWAY_PUBLIC_KEY)) {
    throw new Error('Invalid configuration: set both GATEWAY_SIGNING_KEY and GATEWAY_PUBLIC_KEY, or neither (a key pair is then made for this run).');
  }
  if (Boolean(v.SERVICE_SIGNING_KEY) !== Boolean(v.SERVICE_PUBLIC_KEY)) {
    throw new Error('Invalid configuration: set both SERVICE_SIGNING_KEY and SERVICE_PUBLIC_KEY, or neither (a key pair is then made for this run).');
  }
  return {
    db: readDbEnv(env),
    ports: {
      dashboard: v.DASHBOARD_PORT,
      gateway: v.GATEWAY_PORT,
      beneficiaries: v.BENEFICIARIES_PORT,
      partners: v.PARTNERS_PORT,
      contracts: v.CONTRACTS_PORT,
      funding: v.FUNDING_PORT,
    },
    keys: v.GATEWAY_SIGNING_KEY && v.GATEWAY_PUBLIC_KEY ? { privateKeyPem: v.GATEWAY_SIGNING_KEY, publicKeyPem: v.GATEWAY_PUBLIC_KEY } : null,
    serviceKeys: v.SERVICE_SIGNING_KEY && v.SERVICE_PUBLIC_KEY ? { privateKeyPem: v.SERVICE_SIGNING_KEY, publicKeyPem: v.SERVICE_PUBLIC_KEY } : null,
    beneficiariesEncryptionKey: v.BENEFICIARIES_ENCRYPTION_KEY ?? null,
    seedDemo: v.SEED_DEMO === '1' || v.SEED_DEMO === 'true',
    nodeEnv: v.NODE_ENV,
    publicationIntervalHours: v.PUBLICATION_INTERVAL_HOURS,
  };
}

/** The environment children inherit: PATH and locale, never the parent's secrets by accident. */
export function baseChildEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'NODE_OPTIONS', 'DB_DEBUG', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_SCOPES', 'SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_HOURS'];
  return Object.fromEntries(keep.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
}
