// The dashboard's environment variables (SvelteKit 3 explicit environment variables).
// SvelteKit validates them when the server starts and exposes the parsed values through
// `$app/env/private`; the rest of the app reads them through `#lib/server/env`.
import { defineEnvVars } from '@sveltejs/kit/env';

export const DEFAULT_GATEWAY_URL = 'http://localhost:4000/graphql';

/** Parses GATEWAY_URL: absent or empty means the default; otherwise an absolute http(s) URL. */
export function parseGatewayUrl(value: string | undefined): string {
  const raw = value?.trim();
  if (!raw) return DEFAULT_GATEWAY_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`GATEWAY_URL must be an absolute http(s) URL, e.g. ${DEFAULT_GATEWAY_URL} (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`GATEWAY_URL must use http or https (got "${url.protocol}" in "${raw}")`);
  }
  return url.href;
}

/** Parses a yes/no flag: 1/true/yes or 0/false/no (absent means no). */
export function parseFlag(value: string | undefined): boolean {
  const raw = value?.trim().toLowerCase() ?? '';
  if (raw === '' || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes') return true;
  throw new Error(`expected 1 or 0 (got "${value}")`);
}

export const variables = defineEnvVars({
  GATEWAY_URL: {
    description: `GraphQL endpoint of the Passerelles gateway (Hive Gateway). Default: ${DEFAULT_GATEWAY_URL}`,
    schema: parseGatewayUrl,
  },
  PERSISTED_OPERATIONS: {
    description: 'Send operations by id (sha256 of their .graphql file) instead of their text: required when the gateway runs in production (trusted documents only).',
    schema: parseFlag,
  },
});
