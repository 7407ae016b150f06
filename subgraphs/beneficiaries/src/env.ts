import { parseSubgraphEnv, type SubgraphEnv } from '@passerelles/subgraph-kit';
import { z } from 'zod';

export const DEFAULT_PORT = 4001;

export interface BeneficiariesEnv extends SubgraphEnv {
  /** 32-byte key (AES-256-GCM) that encrypts people's identifying fields. */
  encryptionKey: Buffer;
}

const key = z
  .string({ message: 'is required (32 bytes, base64)' })
  .transform((v) => Buffer.from(v, 'base64'))
  .refine((b) => b.length === 32, { message: 'must be 32 bytes encoded in base64 (e.g. `openssl rand -base64 32`)' });

/** Parses BENEFICIARIES_ENCRYPTION_KEY; fails fast with a clear message. */
export function parseEncryptionKey(env: NodeJS.ProcessEnv): Buffer {
  const parsed = key.safeParse(env.BENEFICIARIES_ENCRYPTION_KEY);
  if (!parsed.success) throw new Error(`Invalid configuration of the beneficiaries subgraph: BENEFICIARIES_ENCRYPTION_KEY ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
  return parsed.data;
}

/** The beneficiaries subgraph's settings (BENEFICIARIES_HOST, BENEFICIARIES_PORT, DATABASE_URL, GATEWAY_PUBLIC_KEY, BENEFICIARIES_ENCRYPTION_KEY…). */
export function readEnv(): BeneficiariesEnv {
  return { ...parseSubgraphEnv('beneficiaries', DEFAULT_PORT, process.env), encryptionKey: parseEncryptionKey(process.env) };
}

/** DATABASE_URL, for the command lines. */
export function readDatabaseUrl(): string {
  const databaseUrl = z.string().regex(/^postgres(ql)?:\/\//).safeParse(process.env.DATABASE_URL);
  if (!databaseUrl.success) throw new Error('DATABASE_URL must be a postgres:// connection string');
  return databaseUrl.data;
}

/** Settings of the import command line: the database and the key. */
export function readImportEnv(): { databaseUrl: string; encryptionKey: Buffer } {
  return { databaseUrl: readDatabaseUrl(), encryptionKey: parseEncryptionKey(process.env) };
}
