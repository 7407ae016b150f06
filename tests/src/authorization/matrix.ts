import { readFile } from 'node:fs/promises';
import { supergraphPath } from '@passerelles/gateway';
import type { Action } from '@passerelles/subgraph-kit/access';
import { Kind, parse, print } from 'graphql';

/** The callers of the matrix: one demo user per role in the Pas-de-Calais, and an administrator of another Département. */
export const callers = ['ADMIN', 'STEERING', 'REFERENT', 'OPERATOR', 'PRESCRIBER', 'OTHER_DEPARTMENT'] as const;
export type MatrixCaller = (typeof callers)[number];

/**
 * What a caller gets:
 * - `data`: the operation ran and returned something (a record, a non-empty list, `ok: true`);
 * - `empty`: it ran and found nothing (null, empty list) — what another Département's ids give;
 * - `forbidden`: refused for the caller's role (FORBIDDEN), before any row is read;
 * - `rejected`: the call reached the service, which refused its input (`ok: false`, BAD_USER_INPUT, NOT_FOUND).
 */
export type Outcome = 'data' | 'empty' | 'forbidden' | 'rejected';

export interface Fixtures {
  [name: string]: string;
}

export interface Rule {
  /** The operation, calling the field once, with the field as the only root selection. */
  document: string;
  variables?: (fixtures: Fixtures) => Record<string, unknown>;
  expect: Record<MatrixCaller, Outcome>;
  /** The catalogue's action the field takes: the callers refused (`forbidden`) must be exactly the roles outside its list. */
  action?: Action;
}

/** The role each caller of the matrix signs in with. */
export const roleOf = (caller: MatrixCaller): string => (caller === 'OTHER_DEPARTMENT' ? 'ADMIN' : caller);

export const everyone = (outcome: Outcome, overrides: Partial<Record<MatrixCaller, Outcome>> = {}): Record<MatrixCaller, Outcome> => ({
  ADMIN: outcome,
  STEERING: outcome,
  REFERENT: outcome,
  OPERATOR: outcome,
  PRESCRIBER: outcome,
  OTHER_DEPARTMENT: outcome,
  ...overrides,
});

/** Root fields of the supergraph plus those the gateway serves itself (`Query.me`, `Mutation.inviteUser`…). */
export async function rootFields(gatewayFields: string[]): Promise<string[]> {
  const supergraph = parse(await readFile(supergraphPath, 'utf8'));
  const fields = supergraph.definitions.flatMap((d) =>
    d.kind === Kind.OBJECT_TYPE_DEFINITION && (d.name.value === 'Query' || d.name.value === 'Mutation')
      ? (d.fields ?? []).map((f) => `${d.name.value}.${f.name.value}`)
      : [],
  );
  return [...fields, ...gatewayFields].sort();
}

/** The roles of each root field's `@requiresScopes` in the supergraph (written by `@Can` from the catalogue). */
export async function requiredScopes(): Promise<Map<string, string[]>> {
  const supergraph = parse(await readFile(supergraphPath, 'utf8'));
  const scopes = new Map<string, string[]>();
  for (const d of supergraph.definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION || (d.name.value !== 'Query' && d.name.value !== 'Mutation')) continue;
    for (const f of d.fields ?? []) {
      const directive = f.directives?.find((x) => x.name.value === 'requiresScopes');
      const argument = directive?.arguments?.find((a) => a.name.value === 'scopes');
      if (argument) scopes.set(`${d.name.value}.${f.name.value}`, [...print(argument.value).matchAll(/"([A-Z]+)"/g)].map((m) => m[1]!).sort());
    }
  }
  return scopes;
}

export function classify(field: string, status: number, body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] }): Outcome | `unexpected: ${string}` {
  const codes = (body.errors ?? []).map((e) => e.extensions?.code);
  if (status === 401) return 'unexpected: 401';
  if (codes.includes('FORBIDDEN')) return 'forbidden';
  if (codes.includes('BAD_USER_INPUT') || codes.includes('NOT_FOUND')) return 'rejected';
  const name = field.split('.')[1]!;
  const value = body.data?.[name];
  if (value === null || value === undefined) return codes.length > 0 ? `unexpected: ${codes.join(',')}` : 'empty';
  if (Array.isArray(value)) return value.length > 0 ? 'data' : 'empty';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('ok' in record) return record.ok ? 'data' : 'rejected';
    for (const list of ['nodes', 'edges', 'items']) {
      if (Array.isArray(record[list])) return (record[list] as unknown[]).length > 0 ? 'data' : 'empty';
    }
  }
  return 'data';
}
