/**
 * The LP audit engine (ADR 0022) lives in the kit, where `ProtectedCube.protectAudited` uses it at
 * publication time; the tests judge with the very same engine.
 */
export { evaluate, isExposed, LinearAudit, termsKey, type Evidence, type Fact, type Finding, type PublishedRow, type Terms } from '@passerelles/subgraph-kit';
