import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** A person's identifying fields: only ever stored encrypted, only ever decrypted by the service. */
export interface IdentityFields {
  firstName: string;
  lastName: string;
  birthDate: string;
  cafNumber: string | null;
  /**
   * The France Travail identifier (import column `identifiant_france_travail`), normalised; absent
   * or null when unknown. Personal data: kept only inside the ciphertext, never logged.
   */
  franceTravailId?: string | null;
}

let configuredKey: Buffer | null = null;

/** Sets the key (from BENEFICIARIES_ENCRYPTION_KEY) once at start-up; tests set their own. */
export function configureIdentityKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('The identity key must be 32 bytes.');
  configuredKey = key;
}

function key(): Buffer {
  if (!configuredKey) throw new Error('The identity encryption key is not configured.');
  return configuredKey;
}

// The France Travail identifier is appended only when known, so that the ciphertexts and digests
// written before it existed stay valid and a re-import of an old file changes nothing.
const canonical = (fields: IdentityFields): string =>
  JSON.stringify(
    fields.franceTravailId
      ? [fields.firstName, fields.lastName, fields.birthDate, fields.cafNumber, fields.franceTravailId]
      : [fields.firstName, fields.lastName, fields.birthDate, fields.cafNumber],
  );

/** AES-256-GCM: 12-byte random IV ‖ 16-byte tag ‖ ciphertext. */
export function encryptIdentity(fields: IdentityFields): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(canonical(fields), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptIdentity(blob: Buffer): IdentityFields {
  const decipher = createDecipheriv('aes-256-gcm', key(), blob.subarray(0, 12));
  decipher.setAuthTag(blob.subarray(12, 28));
  const text = Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
  const [firstName, lastName, birthDate, cafNumber, franceTravailId] = JSON.parse(text) as [string, string, string, string | null, string?];
  return { firstName, lastName, birthDate, cafNumber, franceTravailId: franceTravailId ?? null };
}

/** Keyed digest of the fields: tells an import whether they changed without decrypting (and without a guessable hash). */
export function identityDigest(fields: IdentityFields): string {
  return createHmac('sha256', key()).update(`identity:${canonical(fields)}`).digest('base64url');
}

/**
 * The words of a name as they are searched: lower case, without accents, split on spaces,
 * hyphens and apostrophes (« Marie-Hélène D'Almeida » → marie, helene, d, almeida).
 */
export function nameWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * Blind index of a person's names: a keyed HMAC of each word of the first and last names,
 * truncated to 12 bytes, so that a caseload can be searched by name in SQL (`name_index @> …`)
 * without decrypting it. The key is derived from the identity key for this use only; the index
 * reveals that two people share a name word, not the word (ADR 0020).
 */
export function nameIndex(fields: Pick<IdentityFields, 'firstName' | 'lastName'>): string[] {
  return [...new Set([...nameWords(fields.firstName), ...nameWords(fields.lastName)].map(blindWord))].sort();
}

/** The blind index of what someone typed to search by name: every word must be one of the person's. */
export function nameQueryIndex(query: string): string[] {
  return [...new Set(nameWords(query).map(blindWord))];
}

let wordKey: { of: Buffer; key: Buffer } | null = null;

function blindWord(word: string): string {
  const identity = key();
  if (wordKey?.of !== identity) wordKey = { of: identity, key: createHmac('sha256', identity).update('passerelles:name-index:v1').digest() };
  return createHmac('sha256', wordKey.key).update(word).digest().subarray(0, 12).toString('base64url');
}
