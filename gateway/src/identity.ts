import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Caller } from '@passerelles/subgraph-kit/identity';
import { CallerTokenSigner } from '@passerelles/subgraph-kit/identity';
import { randomUUID } from 'node:crypto';

/**
 * Who is calling. The walking skeleton has no login yet: every request acts as one fixed demo
 * administrator of one Département. Real authentication (sessions, OIDC) replaces this function.
 */
export function demoCaller(departmentCode: string): Caller {
  return { userId: 'demo-admin', role: 'ADMIN', departmentCode, territoryIds: [], partnerId: null };
}

/**
 * Signs the caller's claims for every request the gateway sends to a subgraph. Client headers are
 * never forwarded: a subgraph trusts only this token.
 */
export async function useCallerToken(signingKeyPem: string, callerOf: (request: Request) => Caller): Promise<GatewayPlugin> {
  const signer = await CallerTokenSigner.fromPem(signingKeyPem);
  // One correlation id per client request, shared by all the subgraph calls it causes.
  const correlationIds = new WeakMap<Request, string>();
  const correlationIdOf = (request: Request): string => {
    let id = correlationIds.get(request);
    if (!id) {
      id = randomUUID();
      correlationIds.set(request, id);
    }
    return id;
  };
  return {
    async onFetch({ context, options, setOptions }) {
      const request = (context as { request?: Request }).request;
      if (!request) return;
      const token = await signer.sign(callerOf(request), correlationIdOf(request));
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), authorization: `Bearer ${token}` } });
    },
  };
}
