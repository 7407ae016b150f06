/**
 * How a dead process is started again, for every supervisor of the system: the launcher's
 * services (`gateway/src/system/processes.ts`) and the embedded PostgreSQL (`embedded.ts`).
 */
export interface SupervisionPolicy {
  /** First delay before a restart; doubles at each failure in a row… */
  initialDelayMs: number;
  /** …up to this. */
  maxDelayMs: number;
  /** A process that ran this long was healthy: the next failure starts from the first delay again. */
  healthyAfterMs: number;
}

export const DEFAULT_SUPERVISION: SupervisionPolicy = { initialDelayMs: 500, maxDelayMs: 30_000, healthyAfterMs: 60_000 };

/** The delay before restart number `attempt` (1-based): 0.5 s, 1 s, 2 s… capped. */
export function restartDelay(attempt: number, policy: SupervisionPolicy = DEFAULT_SUPERVISION): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** Failures in a row of one process, and the delay before its next start. */
export class BackOff {
  private failures = 0;

  constructor(private readonly policy: SupervisionPolicy = DEFAULT_SUPERVISION) {}

  /** A death after `ranForMs` of running (0 for a start that failed): the attempt number and the delay. */
  failed(ranForMs: number): { attempt: number; delayMs: number } {
    this.failures = ranForMs >= this.policy.healthyAfterMs ? 1 : this.failures + 1;
    return { attempt: this.failures, delayMs: restartDelay(this.failures, this.policy) };
  }
}
