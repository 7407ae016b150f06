import { describe, expect, it, vi } from 'vitest';
import { GatewayUnavailableError, gatewayQuery } from './gateway';

vi.mock('./env', () => ({ serverEnv: { gatewayUrl: 'http://gateway.test/graphql', persistedOperations: false } }));

const QUERY = 'query Q($x: String) { q(x: $x) }';

function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {} });
    return respond(url, init ?? {});
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('gatewayQuery', () => {
  it('POSTs the operation to GATEWAY_URL with the dashboard headers', async () => {
    const { fetch, calls } = fakeFetch(() => json({ data: { q: 'ok' } }));
    const result = await gatewayQuery<{ q: string }>(fetch, QUERY, { x: '62' });

    expect(result).toEqual({ data: { q: 'ok' }, errors: [] });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe('http://gateway.test/graphql');
    expect(call?.init.method).toBe('POST');
    const headers = new Headers(call?.init.headers);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('x-passerelles-client')).toBe('dashboard');
    expect(JSON.parse(String(call?.init.body))).toEqual({ query: QUERY, variables: { x: '62' } });
  });

  it('returns GraphQL errors alongside partial data', async () => {
    const errors = [{ message: 'partners down', path: ['territories', 0, 'partnerCount'] }];
    const { fetch } = fakeFetch(() => json({ data: { territories: [{ partnerCount: null }] }, errors }));
    await expect(gatewayQuery(fetch, QUERY)).resolves.toEqual({
      data: { territories: [{ partnerCount: null }] },
      errors,
    });
  });

  it('returns null data when the operation failed as a whole', async () => {
    const { fetch } = fakeFetch(() => json({ errors: [{ message: 'Cannot query field' }] }));
    await expect(gatewayQuery(fetch, QUERY)).resolves.toEqual({ data: null, errors: [{ message: 'Cannot query field' }] });
  });

  it('throws GatewayUnavailableError when the gateway cannot be reached', async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    });
    const failure = gatewayQuery(fetch, QUERY);
    await expect(failure).rejects.toBeInstanceOf(GatewayUnavailableError);
    await expect(failure).rejects.toThrow(/could not be reached: fetch failed \(connect ECONNREFUSED\)/);
  });

  it('throws GatewayUnavailableError on a non-2xx answer', async () => {
    const { fetch } = fakeFetch(() => new Response('Bad Gateway', { status: 502 }));
    const failure = gatewayQuery(fetch, QUERY);
    await expect(failure).rejects.toBeInstanceOf(GatewayUnavailableError);
    await expect(failure).rejects.toMatchObject({ status: 502 });
  });

  it('throws GatewayUnavailableError when the answer is not a GraphQL response', async () => {
    await expect(gatewayQuery(fakeFetch(() => new Response('<html>')).fetch, QUERY)).rejects.toBeInstanceOf(
      GatewayUnavailableError,
    );
    await expect(gatewayQuery(fakeFetch(() => json({ hello: 'world' })).fetch, QUERY)).rejects.toBeInstanceOf(
      GatewayUnavailableError,
    );
  });
});
