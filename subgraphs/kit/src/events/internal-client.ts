import { randomUUID } from 'node:crypto';
import type { ServiceTokenSigner } from '../identity/service-token.js';

/**
 * Asks another subgraph for figures it owns (`POST /internal/<topic>`, ADR 0021), with a service
 * token for the Département concerned. Used by background work only (never inside a user's
 * request): when the other subgraph does not answer, the work waits for the next pass.
 */
export class InternalClient {
  constructor(
    private readonly signer: ServiceTokenSigner,
    private readonly urls: Record<string, string>,
    private readonly timeoutMs = 10_000,
  ) {}

  async call<T>(service: string, topic: string, departmentCode: string, payload: unknown): Promise<T> {
    const base = this.urls[service];
    if (!base) throw new Error(`no address for ${service} (${service.toUpperCase()}_INTERNAL_URL)`);
    const response = await fetch(`${base}/internal/${topic}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.signer.sign(departmentCode)}` },
      body: JSON.stringify({ id: randomUUID(), key: topic, payload }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`${service} answered ${response.status} to ${topic}: ${(await response.text()).slice(0, 300)}`);
    return ((await response.json()) as { result: T }).result;
  }
}
