import { parseSubgraphEnv, type SubgraphEnv } from '@passerelles/subgraph-kit';

export const DEFAULT_PORT = 4004;

/** The funding subgraph's settings (FUNDING_HOST, FUNDING_PORT, DATABASE_URL, GATEWAY_PUBLIC_KEY…). */
export function readEnv(): SubgraphEnv {
  return parseSubgraphEnv('funding', DEFAULT_PORT, process.env);
}
