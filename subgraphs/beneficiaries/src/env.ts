import { parseSubgraphEnv, type SubgraphEnv } from '@passerelles/subgraph-kit';

export const DEFAULT_PORT = 4001;

/** The beneficiaries subgraph's settings (BENEFICIARIES_HOST, BENEFICIARIES_PORT, DATABASE_URL, GATEWAY_PUBLIC_KEY…). */
export function readEnv(): SubgraphEnv {
  return parseSubgraphEnv('beneficiaries', DEFAULT_PORT, process.env);
}
