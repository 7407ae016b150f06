import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const url = z.string().url();

const schema = z.object({
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
  DEMO_DEPARTMENT: z.string().regex(/^(\d{2}|2A|2B|\d{3})$/).default('62'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export interface GatewayEnv {
  host: string;
  port: number;
  signingKeyPem: string;
  subgraphUrls: Record<'beneficiaries' | 'partners' | 'contracts' | 'funding', string>;
  /** The Département of the fixed demo identity (until real login exists). */
  demoDepartment: string;
  production: boolean;
}

export function readGatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid gateway configuration: ${issues}`);
  }
  const v = parsed.data;
  return {
    host: v.GATEWAY_HOST,
    port: v.GATEWAY_PORT,
    signingKeyPem: v.GATEWAY_SIGNING_KEY,
    subgraphUrls: { beneficiaries: v.BENEFICIARIES_URL, partners: v.PARTNERS_URL, contracts: v.CONTRACTS_URL, funding: v.FUNDING_URL },
    demoDepartment: v.DEMO_DEPARTMENT,
    production: v.NODE_ENV === 'production',
  };
}
