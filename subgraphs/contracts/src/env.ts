import { parseSubgraphEnv, type SubgraphEnv } from '@passerelles/subgraph-kit';

export const DEFAULT_PORT = 4003;

/** The contracts subgraph's settings (CONTRACTS_HOST, CONTRACTS_PORT, DATABASE_URL, GATEWAY_PUBLIC_KEY…). */
export function readEnv(): SubgraphEnv {
  return parseSubgraphEnv('contracts', DEFAULT_PORT, process.env);
}
