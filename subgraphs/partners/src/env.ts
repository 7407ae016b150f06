import { parseSubgraphEnv, type SubgraphEnv } from '@passerelles/subgraph-kit';

export const DEFAULT_PORT = 4002;

/** The partners subgraph's settings (PARTNERS_HOST, PARTNERS_PORT, DATABASE_URL, GATEWAY_PUBLIC_KEY…). */
export function readEnv(): SubgraphEnv {
  return parseSubgraphEnv('partners', DEFAULT_PORT, process.env);
}
