import { createHash } from 'node:crypto';

/**
 * Stable ids for demo records, derived from a readable name (UUID v5 style, SHA-1 in a fixed
 * namespace). Links between contexts are ids, so the demo seed must give the same partner,
 * programme or convention the same id in every schema and on every run.
 */
export function demoId(name: string): string {
  const hash = createHash('sha1').update(`passerelles-demo:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}



/** Ids of the demo's records, by readable key. */
export const idOf = {
  programme: (key: string) => demoId(`programme:${key}`),
  partner: (key: string) => demoId(`partner:${key}`),
  convention: (key: string) => demoId(`convention:${key}`),
  commitment: (key: string, year: number) => demoId(`commitment:${key}:${year}`),
  user: (email: string) => demoId(`user:${email}`),
};
