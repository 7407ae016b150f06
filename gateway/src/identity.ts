import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { CallerTokenSigner, TOKEN_TTL_SECONDS, type Caller } from '@passerelles/subgraph-kit/identity';

/** A client request's token is signed again once it is this old (half its lifetime), so no fetch sends an expiring one. */
const RESIGN_AFTER_MS = (TOKEN_TTL_SECONDS * 1000) / 2;

interface RequestToken {
  caller: Caller;
  correlationId: string;
  signedAt: number;
  token: Promise<string>;
}

/**
 * Signs the caller's claims for the requests the gateway sends to subgraphs: once per client request,
 * and that one token goes with every subgraph fetch the request causes (it was signed per fetch:
 * issue 15, ADR 0024). The token is kept with the request's own context object, never shared with
 * another request, even of the same caller; it is signed again if the caller read from the context
 * differs or once it is half-way to its expiry. Client headers are never forwarded: a subgraph
 * trusts only this token. Without a caller, nothing is sent and the subgraph refuses the request.
 */
export async function useCallerToken(signingKeyPem: string, callerOf: (context: unknown) => Caller | null): Promise<GatewayPlugin> {
  const signer = await CallerTokenSigner.fromPem(signingKeyPem);
  // One correlation id and one token per client request, shared by all the subgraph calls it causes.
  const tokens = new WeakMap<object, RequestToken>();
  const tokenOf = (context: object, caller: Caller): Promise<string> => {
    const now = Date.now();
    let current = tokens.get(context);
    if (!current || current.caller !== caller || now - current.signedAt > RESIGN_AFTER_MS) {
      const correlationId = current?.correlationId ?? randomUUID();
      current = { caller, correlationId, signedAt: now, token: signer.sign(caller, correlationId) };
      tokens.set(context, current);
    }
    return current.token;
  };
  return {
    async onFetch({ context, options, setOptions }) {
      const caller = callerOf(context);
      if (!caller || typeof context !== 'object' || context === null) return;
      const token = await tokenOf(context, caller);
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), authorization: `Bearer ${token}` } });
    },
  };
}
