import { runSubgraphMain } from '@passerelles/subgraph-kit';
import { readEnv } from './env.js';
import { contractsSubgraph } from './subgraph.js';

await runSubgraphMain(contractsSubgraph, readEnv);
