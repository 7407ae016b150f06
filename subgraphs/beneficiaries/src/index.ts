import { runSubgraphMain } from '@passerelles/subgraph-kit';
import { readEnv } from './env.js';
import { beneficiariesSubgraph } from './subgraph.js';

await runSubgraphMain(beneficiariesSubgraph, readEnv);
