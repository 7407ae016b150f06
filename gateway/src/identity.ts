import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { CallerTokenSigner, type Caller } from '@passerelles/subgraph-kit/identity';

/**
 * Signs the caller's claims for every request the gateway sends to a subgraph. Client headers are
 * never forwarded: a subgraph trusts only this token. Without a caller, nothing is sent and the
 * subgraph refuses the request.
 */
export async function useCallerToken(signingKeyPem: string, callerOf: (context: unknown) => Caller | null): Promise<GatewayPlugin> {
  const signer = await CallerTokenSigner.fromPem(signingKeyPem);
  // One correlation id per client request, shared by all the subgraph calls it causes.
  const correlationIds = new WeakMap<object, string>();
  return {
    async onFetch({ context, options, setOptions }) {
      const caller = callerOf(context);
      if (!caller || typeof context !== 'object' || context === null) return;
      let correlationId = correlationIds.get(context);
      if (!correlationId) {
        correlationId = randomUUID();
        correlationIds.set(context, correlationId);
      }
      const token = await signer.sign(caller, correlationId);
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), authorization: `Bearer ${token}` } });
    },
  };
}
