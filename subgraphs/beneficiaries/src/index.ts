import { runSubgraphMain } from '@passerelles/subgraph-kit';
import { readEnv } from './env.js';
import { configureIdentityKey } from './identity/identity.cipher.js';
import { beneficiariesSubgraph } from './subgraph.js';

await runSubgraphMain(beneficiariesSubgraph, () => {
  const env = readEnv();
  configureIdentityKey(env.encryptionKey);
  return env;
});
