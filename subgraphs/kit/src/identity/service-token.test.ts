import { describe, expect, it } from 'vitest';
import { parseSubgraphEnv } from '../env.js';
import { ServiceTokenSigner, ServiceTokenVerifier } from './service-token.js';
import { CallerTokenSigner, CallerTokenVerifier, generateIdentityKeys } from './token.js';

describe('service tokens', () => {
  it('name the emitting service and the Département, and are checked with the services’ key only', async () => {
    const services = await generateIdentityKeys();
    const gateway = await generateIdentityKeys();
    const verifier = await ServiceTokenVerifier.fromPem(services.publicKeyPem);
    const token = await (await ServiceTokenSigner.fromPem('beneficiaries', services.privateKeyPem)).sign('62');
    expect(await verifier.verify(`Bearer ${token}`)).toEqual({ ok: true, sender: { service: 'beneficiaries', departmentCode: '62' } });
    // Signed with another key (the gateway's): refused.
    const forged = await (await ServiceTokenSigner.fromPem('beneficiaries', gateway.privateKeyPem)).sign('62');
    expect(await verifier.verify(`Bearer ${forged}`)).toEqual({ ok: false, reason: 'invalid service token' });
    // A caller token is not a service token, even signed with the services' key; and the other way round.
    const caller = await (await CallerTokenSigner.fromPem(services.privateKeyPem)).sign({ userId: 'u', role: 'ADMIN', departmentCode: '62', territoryIds: [], partnerId: null }, 'c');
    expect((await verifier.verify(`Bearer ${caller}`)).ok).toBe(false);
    expect((await (await CallerTokenVerifier.fromPem(services.publicKeyPem)).verify(`Bearer ${token}`)).ok).toBe(false);
    expect(await verifier.verify(undefined)).toEqual({ ok: false, reason: 'missing service token' });
  });
});

describe('where other subgraphs receive events', () => {
  const base = { DATABASE_URL: 'postgres://x@localhost/db', GATEWAY_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----' };
  it('reads <NAME>_INTERNAL_URL as base URLs by subgraph name, and says which one is wrong', () => {
    expect(parseSubgraphEnv('beneficiaries', 4001, { ...base, CONTRACTS_INTERNAL_URL: 'http://127.0.0.1:4003' }).internalUrls).toEqual({ contracts: 'http://127.0.0.1:4003' });
    expect(() => parseSubgraphEnv('beneficiaries', 4001, { ...base, CONTRACTS_INTERNAL_URL: 'http://127.0.0.1:4003/graphql' })).toThrow(/CONTRACTS_INTERNAL_URL must be a base URL/);
    expect(() => parseSubgraphEnv('contracts', 4003, { ...base, SERVICE_PUBLIC_KEY: 'not a key' })).toThrow(/SERVICE_PUBLIC_KEY: must be the services’ Ed25519 public key/);
  });
});
