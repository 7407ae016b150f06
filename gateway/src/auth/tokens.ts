import { createHash, randomBytes } from 'node:crypto';

/** A secret for a cookie or an invitation link: 32 random bytes, base64url. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Only hashes of secrets are stored: a database dump gives no usable session. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
