import { runSubgraphMain } from '@passerelles/subgraph-kit';
import { readEnv } from './env.js';
import { fundingSubgraph } from './subgraph.js';

await runSubgraphMain(fundingSubgraph, readEnv);
