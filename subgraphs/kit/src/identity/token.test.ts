import { SignJWT, importPKCS8 } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from './caller.js';
import { CallerTokenSigner, CallerTokenVerifier, generateIdentityKeys, TOKEN_AUDIENCE, TOKEN_ISSUER, type IdentityKeyPair } from './token.js';

const caller: Caller = { userId: 'u-1', role: 'REFERENT', departmentCode: '62', territoryIds: ['62-artois'], partnerId: null };
let keys: IdentityKeyPair;
let verifier: CallerTokenVerifier;

beforeAll(async () => {
  keys = await generateIdentityKeys();
  verifier = await CallerTokenVerifier.fromPem(keys.publicKeyPem);
});

describe('gateway → subgraph caller token', () => {
  it('round-trips the caller and the correlation id', async () => {
    const token = await (await CallerTokenSigner.fromPem(keys.privateKeyPem)).sign(caller, 'corr-1');
    expect(await verifier.verify(`Bearer ${token}`)).toEqual({ ok: true, caller, correlationId: 'corr-1' });
  });

  it('refuses a missing header, a token signed by another key, and a tampered payload', async () => {
    expect(await verifier.verify(undefined)).toEqual({ ok: false, reason: 'missing gateway token' });
    expect(await verifier.verify('Basic abc')).toEqual({ ok: false, reason: 'missing gateway token' });
    const other = await generateIdentityKeys();
    const forged = await (await CallerTokenSigner.fromPem(other.privateKeyPem)).sign({ ...caller, role: 'ADMIN' }, 'x');
    expect(await verifier.verify(`Bearer ${forged}`)).toEqual({ ok: false, reason: 'invalid gateway token' });
    const genuine = await (await CallerTokenSigner.fromPem(keys.privateKeyPem)).sign(caller, 'x');
    const [header, , signature] = genuine.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'u-1', role: 'ADMIN', dep: '25', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE })).toString('base64url');
    expect((await verifier.verify(`Bearer ${header}.${payload}.${signature}`)).ok).toBe(false);
  });

  it('refuses an expired token and one meant for another audience', async () => {
    const key = await importPKCS8(keys.privateKeyPem, 'EdDSA');
    const claims = { sub: 'u-1', role: 'ADMIN', dep: '62', ter: [], pid: null };
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(now - 600)
      .setExpirationTime(now - 540)
      .sign(key);
    expect(await verifier.verify(`Bearer ${expired}`)).toEqual({ ok: false, reason: 'expired gateway token' });
    const elsewhere = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience('another-service')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(key);
    expect(await verifier.verify(`Bearer ${elsewhere}`)).toEqual({ ok: false, reason: 'invalid gateway token' });
  });

  it('refuses claims that do not describe a caller', async () => {
    const key = await importPKCS8(keys.privateKeyPem, 'EdDSA');
    const token = await new SignJWT({ sub: 'u-1', role: 'SUPERUSER', dep: '62' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(key);
    expect(await verifier.verify(`Bearer ${token}`)).toEqual({ ok: false, reason: 'malformed gateway token claims' });
  });
});
