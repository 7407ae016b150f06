import { describe, expect, it } from 'vitest';
import { CallerTokenVerifier, generateIdentityKeys, type Caller } from '@passerelles/subgraph-kit/identity';
import { useCallerToken } from './identity.js';

const referent: Caller = { userId: 'u-1', role: 'REFERENT', departmentCode: '62', territoryIds: ['62-artois'], partnerId: null };
const admin25: Caller = { userId: 'u-2', role: 'ADMIN', departmentCode: '25', territoryIds: [], partnerId: null };

describe('caller token', () => {
  it('is signed once per client request, sent on each of its subgraph fetches, and never given to another request', async () => {
    const keys = await generateIdentityKeys();
    const verifier = await CallerTokenVerifier.fromPem(keys.publicKeyPem);
    const callers = new Map<object, Caller>();
    const plugin = await useCallerToken(keys.privateKeyPem, (context) => callers.get(context as object) ?? null);
    const fetchWith = async (context: object): Promise<string | undefined> => {
      let headers: Record<string, string> | undefined;
      await (plugin.onFetch as (payload: unknown) => Promise<void>)({
        context,
        options: { headers: { 'content-type': 'application/json' } },
        setOptions: (options: { headers: Record<string, string> }) => (headers = options.headers),
      });
      return headers?.authorization;
    };
    const first = {};
    const second = {};
    const third = {};
    callers.set(first, referent);
    callers.set(second, referent);
    callers.set(third, admin25);

    const firstFetches = await Promise.all([fetchWith(first), fetchWith(first), fetchWith(first)]);
    expect(new Set(firstFetches).size).toBe(1);
    const [secondToken, thirdToken] = [await fetchWith(second), await fetchWith(third)];
    // Another request of the same caller: a token of its own (its own correlation id).
    expect(secondToken).not.toBe(firstFetches[0]);
    const checks = await Promise.all([firstFetches[0], secondToken, thirdToken].map((t) => verifier.verify(t)));
    expect(checks.map((c) => c.ok && c.caller)).toEqual([referent, referent, admin25]);
    const ids = checks.map((c) => (c.ok ? c.correlationId : null));
    expect(new Set(ids).size).toBe(3);
    // No caller: no token, and the subgraph refuses the request.
    expect(await fetchWith({})).toBeUndefined();
  });
});
