import { resolve } from 'node:path';
import { z } from 'zod';
import { repoRoot } from './paths.js';
import { SERVICE_ROLES, serviceUrlVariable, type RoleSettings } from './roles.js';

const connection = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string');

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// connection string')
    .optional(),
  PASSERELLES_DATA_DIR: z.string().min(1).optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  PASSERELLES_PROVISION_ROLES: z.enum(['auto', '0', '1', 'true', 'false']).default('auto'),
  ...Object.fromEntries(SERVICE_ROLES.map((service) => [serviceUrlVariable(service), connection.optional()])),
  DB_DEBUG: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});

export interface DbEnv {
  /** Connection string of an external PostgreSQL; when absent, the embedded one is started. */
  databaseUrl: string | undefined;
  /** Where the embedded PostgreSQL keeps its data (default `<repo>/.data`). */
  dataDir: string;
  /** Port of the embedded PostgreSQL. */
  embeddedPort: number;
  /** Log every SQL statement. */
  debug: boolean;
  /** How each service gets its own role (made by the launcher, or by the operator: see roles.ts). */
  roles?: RoleSettings;
}

/** Parses the database settings once, failing with a message that names the bad variable. */
export function readDbEnv(env: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid database configuration: ${issues}`);
  }
  const v = parsed.data;
  return {
    databaseUrl: v.DATABASE_URL,
    dataDir: resolve(v.PASSERELLES_DATA_DIR ?? resolve(repoRoot, '.data')),
    embeddedPort: v.EMBEDDED_PG_PORT,
    debug: v.DB_DEBUG,
    roles: {
      provision: v.PASSERELLES_PROVISION_ROLES === 'auto' ? 'auto' : v.PASSERELLES_PROVISION_ROLES === '1' || v.PASSERELLES_PROVISION_ROLES === 'true',
      serviceUrls: Object.fromEntries(SERVICE_ROLES.flatMap((service) => (env[serviceUrlVariable(service)] ? [[service, env[serviceUrlVariable(service)]!]] : []))),
    },
  };
}
