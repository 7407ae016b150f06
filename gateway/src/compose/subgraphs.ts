import { beneficiariesSubgraph } from '@passerelles/beneficiaries';
import { contractsSubgraph } from '@passerelles/contracts';
import { fundingSubgraph } from '@passerelles/funding';
import { partnersSubgraph } from '@passerelles/partners';
import type { SubgraphDefinition } from '@passerelles/subgraph-kit';

/** The four subgraphs of the supergraph, in port order. */
export const subgraphs: readonly SubgraphDefinition[] = [beneficiariesSubgraph, partnersSubgraph, contractsSubgraph, fundingSubgraph];
