import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DEMO_PASSWORD } from '@passerelles/db';
import { committedSdls, servedSchema, supergraphPath } from '@passerelles/gateway';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestSystem, type TestSystem } from './support/system.js';

/**
 * Every malformed input to every mutation is a user error (BAD_USER_INPUT, NOT_FOUND, a GraphQL
 * validation error, or a typed `ok: false`), never an internal error with a driver stack. The
 * cases are generated from the schema the gateway serves, as the authorization matrix is: for
 * each mutation, a call with plausible values, then the same call with one leaf value at a time
 * replaced by malformed ones (ids that are not ids, numbers at the ends of Int, texts far too long).
 */
let system: TestSystem;
const tokens = new Map<string, string>();

const DEMO_ACCOUNTS: Record<string, string> = {
  ADMIN: 'admin.62@demo.passerelles.fr',
  STEERING: 'pilotage.62@demo.passerelles.fr',
  REFERENT: 'referent.62@demo.passerelles.fr',
  OPERATOR: 'operateur.62@demo.passerelles.fr',
  PRESCRIBER: 'prescripteur.62@demo.passerelles.fr',
};

const HUGE_TEXT = 'x'.repeat(100_000);
const MALFORMED_IDS = ['undefined', 'not-a-uuid', "' or 1=1 --", 'x'.repeat(10_000)];
const MALFORMED_INTS = [2_147_483_647, -2_147_483_648, -1];
const MALFORMED_FLOATS = [1e308, -1e9];
const MALFORMED_DATES = ['2026-02-30', 'demain', '99999-01-01'];

/** A value the field would plausibly take (the call must get past GraphQL validation). */
function plausible(type: GraphQLInputType, name: string): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [plausible(nullable.ofType as GraphQLInputType, name)];
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  if (isInputObjectType(nullable)) {
    return Object.fromEntries(
      Object.values(nullable.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, plausible(f.type, f.name)]),
    );
  }
  switch (isScalarType(nullable) ? nullable.name : '') {
    case 'ID':
      return /department/i.test(name) ? '62' : /territor/i.test(name) ? '62-arrageois' : randomUUID();
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return /dryRun/i.test(name);
    default:
      if (/(On|Date|date|From|To|At)$/.test(name) || /^(from|to|on|asOf)$/.test(name)) return '2026-03-02';
      if (/email/i.test(name)) return `someone-${randomUUID().slice(0, 8)}@test.passerelles.fr`;
      if (/department/i.test(name)) return '62';
      if (/territor/i.test(name)) return '62-arrageois';
      if (/commune/i.test(name)) return '62041';
      return 'Valeur de test';
  }
}

/** Malformed values for a leaf of this type and name. */
function malformed(type: GraphQLInputType, name: string): unknown[] {
  const named = getNamedType(type);
  if (!isScalarType(named)) return [];
  switch (named.name) {
    case 'ID':
      return MALFORMED_IDS;
    case 'Int':
      return MALFORMED_INTS;
    case 'Float':
      return MALFORMED_FLOATS;
    case 'String':
      return /(On|Date|From|To|At)$/.test(name) || /^(from|to|on|asOf)$/.test(name) ? [...MALFORMED_DATES, HUGE_TEXT] : [HUGE_TEXT, "'; drop table x; --"];
    default:
      return [];
  }
}

interface Case {
  mutation: string;
  role: string;
  variables: Record<string, unknown>;
  document: string;
  malformed: string;
}

/** One case per malformed value of each leaf (arguments, and fields of input objects one level deep). */
function casesOf(field: GraphQLField<unknown, unknown>, role: string): Case[] {
  const returned = getNamedType(field.type);
  const selection = isObjectType(returned) ? ` { __typename${'ok' in returned.getFields() ? ' ok' : ''} }` : '';
  const typeName = (arg: GraphQLArgument): string => String(arg.type);
  const document = `mutation Probe${field.args.length ? `(${field.args.map((a) => `$${a.name}: ${typeName(a)}`).join(', ')})` : ''} { ${field.name}${
    field.args.length ? `(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''
  }${selection} }`;
  const base = Object.fromEntries(field.args.map((a) => [a.name, plausible(a.type, a.name)]));
  const cases: Case[] = [];
  for (const arg of field.args) {
    for (const value of malformed(arg.type, arg.name)) {
      cases.push({ mutation: field.name, role, document, variables: { ...base, [arg.name]: value }, malformed: `${arg.name}=${String(value).slice(0, 20)}` });
    }
    const input = getNullableType(arg.type);
    if (isInputObjectType(input)) {
      for (const inner of Object.values(input.getFields())) {
        for (const value of malformed(inner.type, inner.name)) {
          const object = { ...(base[arg.name] as Record<string, unknown>), [inner.name]: isListType(getNullableType(inner.type)) ? [value] : value };
          cases.push({ mutation: field.name, role, document, variables: { ...base, [arg.name]: object }, malformed: `${arg.name}.${inner.name}=${String(value).slice(0, 20)}` });
        }
      }
    }
  }
  return cases;
}

/** The roles a mutation allows, from `@requiresScopes` in the supergraph (the gateway's own: ADMIN). */
async function rolesByMutation(): Promise<Map<string, string[]>> {
  const supergraph = parse(await readFile(supergraphPath, 'utf8'));
  const roles = new Map<string, string[]>();
  for (const definition of supergraph.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value !== 'Mutation') continue;
    for (const field of definition.fields ?? []) {
      const scopes = field.directives?.find((d) => d.name.value === 'requiresScopes')?.arguments?.[0]?.value;
      const list = scopes?.kind === Kind.LIST ? scopes.values.flatMap((v) => (v.kind === Kind.LIST ? v.values.flatMap((s) => (s.kind === Kind.STRING ? [s.value] : [])) : [])) : [];
      roles.set(field.name.value, list);
    }
  }
  return roles;
}

const SQL_OR_STACK = /\b(select|insert|update|delete)\b.*\b(from|into|set)\b|\bat .+\(.+:\d+:\d+\)|node_modules|22P02|23503|syntax for type|violates/i;
const USER_ERROR_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'FORBIDDEN']);

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: true, withDashboard: false });
  for (const [role, email] of Object.entries(DEMO_ACCOUNTS)) tokens.set(role, await login(system, email, DEMO_PASSWORD));
}, 300_000);

afterAll(async () => {
  await system?.stop();
});

describe('malformed input to every mutation', () => {
  it('is answered as a user error, never an internal one, and leaves no stack in the logs', async () => {
    const schema = servedSchema(await committedSdls());
    const roles = await rolesByMutation();
    const mutations = Object.values(schema.getMutationType()!.getFields());
    const cases = mutations.flatMap((field) => {
      const allowed = roles.get(field.name) ?? ['ADMIN'];
      return casesOf(field, allowed.includes('ADMIN') || allowed.length === 0 ? 'ADMIN' : allowed[0]!);
    });
    // Every mutation with arguments is probed.
    const probed = new Set(cases.map((c) => c.mutation));
    expect(mutations.filter((m) => m.args.length > 0 && !probed.has(m.name)).map((m) => m.name)).toEqual([]);
    expect(probed.has('archivePartner')).toBe(true);

    const logLinesBefore = system.logs.length;
    const failures: string[] = [];
    const BATCH = 8;
    for (let i = 0; i < cases.length; i += BATCH) {
      await Promise.all(
        cases.slice(i, i + BATCH).map(async (c) => {
          const response = await fetch(system.urls.gateway, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: `passerelles_session=${encodeURIComponent(tokens.get(c.role)!)}` },
            body: JSON.stringify({ query: c.document, variables: c.variables }),
          });
          const text = await response.text();
          const body = JSON.parse(text) as { data?: Record<string, { ok?: boolean } | null> | null; errors?: { message: string; extensions?: { code?: string } }[] };
          const where = `${c.mutation}(${c.malformed}) as ${c.role}`;
          if (response.status >= 500) failures.push(`${where}: HTTP ${response.status}`);
          for (const error of body.errors ?? []) {
            const code = error.extensions?.code;
            if (!code || !USER_ERROR_CODES.has(code)) failures.push(`${where}: ${code ?? 'no code'} « ${error.message.slice(0, 120)} »`);
            if (SQL_OR_STACK.test(error.message)) failures.push(`${where}: the message leaks internals « ${error.message.slice(0, 120)} »`);
          }
          const result = body.data?.[c.mutation];
          // A text of 100 000 characters is never taken as it is: refused, or an `ok: false`.
          if (c.malformed.includes('=xxxxxxxxxxxxxxxxxxxx') && JSON.stringify(c.variables).length > 50_000 && result && result.ok === true) {
            failures.push(`${where}: a 100 000-character text was accepted`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(200);
    const stacks = system.logs.slice(logLinesBefore).filter((line) => /^\s*\[\w+\]\s+at |INTERNAL_SERVER_ERROR|correlation=/.test(line));
    expect(stacks.slice(0, 5)).toEqual([]);
  }, 600_000);
});
