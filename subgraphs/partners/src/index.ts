import { runSubgraphMain } from '@passerelles/subgraph-kit';
import { readEnv } from './env.js';
import { partnersSubgraph } from './subgraph.js';

await runSubgraphMain(partnersSubgraph, readEnv);
