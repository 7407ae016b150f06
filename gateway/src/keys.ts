import { generateIdentityKeys } from '@passerelles/subgraph-kit/identity';

/**
 * `npm run keys -w @passerelles/gateway`: fresh Ed25519 key pairs as environment lines — the
 * gateway's (caller tokens) and the services' (events between subgraphs, ADR 0021), never the same.
 */
const oneLine = (pem: string): string => JSON.stringify(pem.trim()).replace(/^"|"$/g, '');
for (const prefix of ['GATEWAY', 'SERVICE']) {
  const keys = await generateIdentityKeys();
  console.log(`${prefix}_SIGNING_KEY="${oneLine(keys.privateKeyPem)}"`);
  console.log(`${prefix}_PUBLIC_KEY="${oneLine(keys.publicKeyPem)}"`);
}
