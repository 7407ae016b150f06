import { generateIdentityKeys } from '@passerelles/subgraph-kit/identity';

/** `npm run keys -w @passerelles/gateway`: a fresh Ed25519 key pair as environment lines. */
const keys = await generateIdentityKeys();
const oneLine = (pem: string): string => JSON.stringify(pem.trim()).replace(/^"|"$/g, '');
console.log(`GATEWAY_SIGNING_KEY="${oneLine(keys.privateKeyPem)}"`);
console.log(`GATEWAY_PUBLIC_KEY="${oneLine(keys.publicKeyPem)}"`);
