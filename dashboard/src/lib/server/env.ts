// Server-side configuration of the dashboard: the single import point for settings.
// The variables are declared and validated in `src/env.ts` (SvelteKit 3 explicit environment
// variables, which replace `$env/dynamic/private`); SvelteKit refuses to start with an invalid value.
import { GATEWAY_URL, PERSISTED_OPERATIONS } from '$app/env/private';

export interface ServerEnv {
  /** Absolute http(s) URL of the gateway's GraphQL endpoint. */
  readonly gatewayUrl: string;
  /** Send operations by id (trusted documents) rather than by text. */
  readonly persistedOperations: boolean;
}

export const serverEnv: ServerEnv = Object.freeze({ gatewayUrl: GATEWAY_URL, persistedOperations: PERSISTED_OPERATIONS });
