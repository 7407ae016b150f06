import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DEMO_PASSWORD, demoIdOf } from '@passerelles/db';
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
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, sessionCookie, startTestSystem, type TestSystem } from './support/system.js';
import { createUser } from './support/users.js';

/**
 * Every malformed input to every mutation is a user error (BAD_USER_INPUT, NOT_FOUND, a GraphQL
 * validation error, or a typed `ok: false`), never an internal error with a driver stack. The cases
 * are generated from the schema the gateway serves, as the authorization matrix is: for each
 * mutation, a call with real values of the demo (the partner, convention, contract… the field
 * names), then the same call with one leaf at a time — an argument, or a field of an input object
 * at any depth — replaced by malformed values of its type: ids that are not ids, impossible dates,
 * numbers at the ends of their type, 100 000-character texts, unknown enum values. Queries taking
 * arguments get the same treatment.
 *
 * A malformed value must be refused ("strict"); a hostile but well-formed one (a text with quotes
 * and SQL, a NUL byte, a negative longitude) may be taken or refused, never crash ("lenient").
 */
let system: TestSystem;
let schema: GraphQLSchema;
const tokens = new Map<string, string>();
const fixtures = new Map<string, string>();

const DEMO_ACCOUNTS: Record<string, string> = {
  ADMIN: 'admin.62@demo.passerelles.fr',
  REFERENT: 'referent.62@demo.passerelles.fr',
  OPERATOR: 'operateur.62@demo.passerelles.fr',
  PRESCRIBER: 'prescripteur.62@demo.passerelles.fr',
  STEERING: 'pilotage.62@demo.passerelles.fr',
};

const HUGE_TEXT = 'x'.repeat(100_000);
const MALFORMED_IDS = ['undefined', 'not-a-uuid', "' or 1=1 --", 'x'.repeat(10_000)];
const MALFORMED_DATES = ['2026-02-30', 'demain', '99999-01-01', '2026-03-02T00:00:00Z'];
const HOSTILE_TEXTS = ["'; drop table x; --", 'a\u0000b'];
const INT_ENDS = [2_147_483_647, -2_147_483_648, -1];
const SAFE_INT_ENDS = [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, -1];
const FLOAT_ENDS = [1e308, -1e308];

/** Which id fixture a leaf takes, by its name (and, for `id`, the mutation's). */
function idFixture(field: string, name: string): string | undefined {
  // Records a mutation can take as they are: a person with no accompaniment or contract yet, an orientation to validate, a draft.
  const forField: Record<string, string> = {
    'prescribeAccompaniment.beneficiaryId': 'newcomer',
    'createContract.beneficiaryId': 'newcomer',
    'validateOrientation.accompanimentId': 'prescribedAccompaniment',
    'signContract.id': 'draftContract',
    'convertCerToEngagement.contractId': 'contract',
  };
  if (forField[`${field}.${name}`]) return forField[`${field}.${name}`];
  if (name === 'id') {
    if (/Partner$/.test(field)) return 'partner';
    if (/Service(Capacity)?$/.test(field)) return 'service';
    if (/Contract(Renewal)?$/.test(field)) return 'contract';
    if (/User(Role)?$/.test(field)) return 'spareUser';
    return undefined;
  }
  const byName: Record<string, string> = {
    partnerId: 'partner',
    operatorId: 'partner',
    serviceId: 'service',
    programmeId: 'programme',
    conventionId: 'convention',
    beneficiaryId: 'beneficiary',
    accompanimentId: 'accompaniment',
    appointmentId: 'appointment',
    referralId: 'referral',
    referentId: 'referent',
    paymentId: 'payment',
    commitmentId: 'contractCommitment',
    territoryId: 'territory',
    territoryIds: 'territory',
    among: 'beneficiary',
    userId: 'referent',
    recordId: 'beneficiary',
    leadPartnerId: 'partner',
    orientationId: 'orientation',
    requestId: 'reorientationRequest',
    procedureId: 'sanctionProcedure',
  };
  return byName[name];
}

const isDateName = (name: string): boolean => /^(?:on|from|to|asOf)$|[a-z]On$/.test(name);
const isIdLeaf = (name: string, scalar: string): boolean => scalar === 'ID' || /^id$|[a-z]Ids?$/.test(name);

const missingFixtures = new Set<string>();

/** A value the leaf would plausibly take in the demo. */
function plausibleScalar(field: string, scalar: string, name: string): unknown {
  if (isIdLeaf(name, scalar)) {
    const key = idFixture(field, name);
    if (!key || !fixtures.has(key)) missingFixtures.add(`${field}.${name}`);
    return fixtures.get(key ?? '') ?? randomUUID();
  }
  switch (scalar) {
    case 'Int':
      return ({ budgetYear: 2026, advancePercent: 30, fullFundingFromPercent: 100, months: 12, places: 10, waitingDays: 5, target: 10, placesContracted: 10, placesFilled: 8, peopleAccompanied: 12, first: 5, belowPercent: 80, withinDays: 30 } as Record<string, number>)[name] ?? 1;
    case 'SafeInt':
      return 1_000_000;
    case 'Float':
      return ({ latitude: 50.29, longitude: 2.78 } as Record<string, number>)[name] ?? 1;
    case 'Boolean':
      return name === 'dryRun';
    default:
      // A cursor comes from a previous page: none for the first one.
      if (name === 'after') return null;
      if (isDateName(name)) return ({ startsOn: '2026-01-05', endsOn: '2026-12-31', operationEndsOn: '2026-12-31', endedOn: '2026-11-15', from: '2026-01-01', to: '2026-11-15' } as Record<string, string>)[name] ?? '2026-03-02';
      return (
        {
          email: `someone-${randomUUID().slice(0, 8)}@test.passerelles.fr`,
          website: 'https://example.org',
          phone: '03 21 00 00 00',
          hours: 'Mo-Fr 09:00-12:00',
          siret: '13000548100010',
          postalCode: '62000',
          communeCode: '62041',
          fte: '1.5',
          csv: 'nom;prenom\n',
          structures: '[]',
          services: '[]',
          department: '62',
          code: '62',
        } as Record<string, string>
      )[name] ?? 'Valeur de test';
  }
}

/** Optional fields left out of plausible calls: they exclude another one (`amountCents` or `basis`) or need a special case. */
const OMITTED = new Set(['CreateCommitmentInput.basis', 'RecordExitInput.subReason', 'RecordAppointmentInput.appointmentId']);
/** When a leaf under the first is malformed, the second is left out. */
const EXCLUSIVE: Record<string, string> = { 'CreateCommitmentInput.basis': 'amountCents' };

/** Enum values a mutation can take from the demo's records (otherwise: the first value). */
const ENUM_VALUES: Record<string, string> = { 'updateReferralStatus.status': 'ACCEPTED', 'setPaymentStatus.status': 'REQUESTED', 'inviteUser.role': 'STEERING', 'changeUserRole.role': 'STEERING' };

function plausible(field: string, type: GraphQLInputType, name: string): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [plausible(field, nullable.ofType as GraphQLInputType, name)];
  if (isEnumType(nullable)) return ENUM_VALUES[`${field}.${name}`] ?? nullable.getValues()[0]!.value;
  if (isInputObjectType(nullable)) {
    // Every field, optional ones too (a call with only the required ones is often refused for that).
    return Object.fromEntries(
      Object.values(nullable.getFields())
        .filter((f) => isNonNullType(f.type) || !OMITTED.has(`${nullable.name}.${f.name}`))
        .map((f) => [f.name, plausible(field, f.type, f.name)]),
    );
  }
  return plausibleScalar(field, isScalarType(nullable) ? nullable.name : '', name);
}

interface Malformed {
  value: unknown;
  strict: boolean;
}

/** Malformed values for a leaf of this type and name. */
function malformed(type: GraphQLInputType, name: string): Malformed[] {
  const named = getNamedType(type);
  const strict = (values: unknown[]): Malformed[] => values.map((value) => ({ value, strict: true }));
  const lenient = (values: unknown[]): Malformed[] => values.map((value) => ({ value, strict: false }));
  if (isEnumType(named)) return strict(['NOT_A_VALUE']);
  if (!isScalarType(named)) return [];
  if (isIdLeaf(name, named.name)) return strict(MALFORMED_IDS);
  switch (named.name) {
    case 'Int':
      return strict(INT_ENDS);
    case 'SafeInt':
      return strict(SAFE_INT_ENDS);
    case 'Float':
      return [...strict(FLOAT_ENDS), ...lenient([-1])];
    case 'String':
      // An empty optional date is read as none (what an HTML form sends for an empty date field).
      return isDateName(name) ? [...strict([...MALFORMED_DATES, HUGE_TEXT]), ...lenient([''])] : [...strict([HUGE_TEXT]), ...lenient(HOSTILE_TEXTS)];
    default:
      return [];
  }
}

interface Case {
  field: string;
  role: string;
  document: string;
  variables: Record<string, unknown>;
  leaf: string;
  strict: boolean;
}

interface Leaf {
  path: string;
  type: GraphQLInputType;
  name: string;
  replace: (v: unknown) => unknown;
}

/** Every leaf under `value` of `type`, with a setter that returns a copy of the root with that leaf replaced. */
function leaves(field: string, type: GraphQLInputType, name: string, path: string, value: unknown, replace: (v: unknown) => unknown): Leaf[] {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const item = nullable.ofType as GraphQLInputType;
    const first = Array.isArray(value) && value.length > 0 ? value[0] : undefined;
    // A list of objects: malform the fields of its one item; a list of leaves: the list holds the malformed value.
    if (isInputObjectType(getNullableType(item))) return leaves(field, item, name, `${path}[0]`, first ?? plausible(field, item, name), (v) => replace([v]));
    return [{ path, type: item, name, replace: (v) => replace([v]) }];
  }
  if (isInputObjectType(nullable)) {
    const object = (value ?? plausible(field, nullable, name)) as Record<string, unknown>;
    return Object.values(nullable.getFields()).flatMap((f) => {
      const excluded = EXCLUSIVE[`${nullable.name}.${f.name}`];
      const rest = excluded ? Object.fromEntries(Object.entries(object).filter(([k]) => k !== excluded)) : object;
      return leaves(field, f.type, f.name, `${path}.${f.name}`, object[f.name], (v) => replace({ ...rest, [f.name]: v }));
    });
  }
  return [{ path, type, name, replace }];
}

/** The selection that tells a refusal: `ok` and `error` of typed results, `__typename` of other objects. */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const returned = getNamedType(field.type);
  if (!isObjectType(returned)) return '';
  const fields = returned.getFields();
  const error = fields.error ? (isObjectType(getNamedType(fields.error.type)) ? ` error { __typename${'message' in (getNamedType(fields.error.type) as { getFields(): object }).getFields() ? ' message' : ''} }` : ' error') : '';
  return ` { __typename${fields.ok ? ' ok' : ''}${error} }`;
}

/** The call of a field with plausible values (`base`), and the same call with each leaf malformed in turn. */
function probesOf(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, role: string): { base: Case; cases: Case[] } {
  const args = field.args;
  const document = `${operation} Probe${args.length ? `(${args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})` : ''} { ${field.name}${
    args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''
  }${selectionOf(field)} }`;
  const variables = Object.fromEntries(args.map((a) => [a.name, plausible(field.name, a.type, a.name)]));
  const cases = args.flatMap((arg) =>
    leaves(field.name, arg.type, arg.name, arg.name, variables[arg.name], (v) => v).flatMap((leaf) =>
      malformed(leaf.type, leaf.name).map(({ value, strict }) => ({
        field: field.name,
        role,
        document,
        variables: { ...variables, [arg.name]: leaf.replace(value) },
        leaf: `${leaf.path}=${JSON.stringify(value).slice(0, 24)}`,
        strict,
      })),
    ),
  );
  return { base: { field: field.name, role, document, variables, leaf: 'plausible values', strict: false }, cases };
}

/** The roles a root field allows, from `@requiresScopes` in the supergraph (none: every signed-in caller). */
async function rolesByField(): Promise<Map<string, string[]>> {
  const supergraph = parse(await readFile(supergraphPath, 'utf8'));
  const roles = new Map<string, string[]>();
  for (const definition of supergraph.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || (definition.name.value !== 'Mutation' && definition.name.value !== 'Query')) continue;
    for (const field of definition.fields ?? []) {
      const scopes = field.directives?.find((d) => d.name.value === 'requiresScopes')?.arguments?.[0]?.value;
      const list = scopes?.kind === Kind.LIST ? scopes.values.flatMap((v) => (v.kind === Kind.LIST ? v.values.flatMap((s) => (s.kind === Kind.STRING ? [s.value] : [])) : [])) : [];
      roles.set(`${definition.name.value}.${field.name.value}`, list);
    }
  }
  return roles;
}

const SQL_OR_STACK = /\b(select|insert|update|delete)\b.*\b(from|into|set|where)\b|\bat .+:\d+:\d+|node_modules|\b(22P02|22003|22007|22008|23502|23503|23505|23514)\b|syntax for type|violates|relation "|column "/i;
const USER_ERROR_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED']);
const STACK_LINE = /^\s*(\[\w+\]\s+)?at .+[(:]\d+|INTERNAL_SERVER_ERROR|correlation=|node_modules/m;

interface Answer {
  status: number;
  errors: { message: string; extensions?: { code?: string } }[];
  result: { ok?: boolean; error?: unknown } | null | undefined;
}

async function send(c: Case): Promise<Answer> {
  const response = await fetch(system.urls.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: sessionCookie(tokens.get(c.role)!) },
    body: JSON.stringify({ query: c.document, variables: c.variables }),
  });
  const text = await response.text();
  let body: { data?: Record<string, Answer['result']> | null; errors?: Answer['errors'] } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { errors: [{ message: `not JSON: ${text.slice(0, 80)}` }] };
  }
  return { status: response.status, errors: body.errors ?? [], result: body.data?.[c.field] };
}

/** What is wrong with the answer to a case, if anything. */
function problemsOf(c: Case, answer: Answer): string[] {
  const where = `${c.field}(${c.leaf}) as ${c.role}`;
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`${where}: HTTP ${answer.status}`);
  for (const error of answer.errors) {
    // The gateway refuses values its schema rules out (an unknown enum value, a missing field) with HTTP 400, before any subgraph.
    const code = error.extensions?.code ?? (answer.status === 400 && error.message.startsWith('Variable "$') ? 'GRAPHQL_VALIDATION_FAILED' : undefined);
    // FORBIDDEN is no answer to malformed input: the caller may call the field (the role is chosen for that).
    if (!code || !USER_ERROR_CODES.has(code)) problems.push(`${where}: ${code ?? 'no code'} « ${error.message.slice(0, 120)} »`);
    if (SQL_OR_STACK.test(error.message)) problems.push(`${where}: the message leaks internals « ${error.message.slice(0, 120)} »`);
  }
  const refusedAsData = answer.result?.ok === false && (!('error' in answer.result) || answer.result.error !== null);
  const refusedAsError = answer.errors.some((e) => USER_ERROR_CODES.has(e.extensions?.code ?? '')) || (answer.status === 400 && answer.errors.length > 0);
  if (c.strict && !refusedAsData && !refusedAsError) problems.push(`${where}: taken (${String(JSON.stringify(answer.result)).slice(0, 80)}) instead of refused`);
  return problems;
}

/** Runs the cases a few at a time (2 cores shared with the whole system); strict ones first, as they change nothing. */
async function run(cases: Case[]): Promise<string[]> {
  const ordered = [...cases.filter((c) => c.strict), ...cases.filter((c) => !c.strict)];
  const problems: string[] = [];
  const BATCH = 8;
  for (let i = 0; i < ordered.length; i += BATCH) {
    const batch = ordered.slice(i, i + BATCH);
    const answers = await Promise.all(batch.map(send));
    batch.forEach((c, j) => problems.push(...problemsOf(c, answers[j]!)));
  }
  return problems;
}

async function probesFor(operation: 'query' | 'mutation'): Promise<{ bases: Case[]; cases: Case[] }> {
  const roles = await rolesByField();
  const root = operation === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const type = operation === 'query' ? 'Query' : 'Mutation';
  const probes = Object.values(root.getFields())
    .filter((field) => !field.name.startsWith('_') && field.args.length > 0)
    .map((field) => {
      // Fields the gateway serves itself (inviteUser…) are for administrators.
      const allowed = roles.get(`${type}.${field.name}`) ?? ['ADMIN'];
      return probesOf(operation, field, allowed.length === 0 || allowed.includes('ADMIN') ? 'ADMIN' : allowed[0]!);
    });
  return { bases: probes.map((p) => p.base), cases: probes.flatMap((p) => p.cases) };
}

/**
 * The plausible calls are well formed (else every case would be refused for them, not for the value
 * under test): none is refused as malformed. Run last, one at a time, destructive ones (archive…) at
 * the end; business refusals (`ok: false`: already validated, already planned…) are fine.
 */
async function malformedBases(bases: Case[]): Promise<string[]> {
  const problems: string[] = [];
  const ordered = [...bases.filter((b) => !/^(archive|deactivate)/.test(b.field)), ...bases.filter((b) => /^(archive|deactivate)/.test(b.field))];
  for (const base of ordered) {
    const answer = await send(base);
    for (const error of answer.errors.filter((e) => e.extensions?.code !== 'NOT_FOUND')) problems.push(`${base.field} with plausible values: HTTP ${answer.status} ${error.extensions?.code ?? 'no code'} « ${error.message.slice(0, 120)} »`);
  }
  return problems;
}

const one = async (sql: string, params: unknown[] = []): Promise<string> => {
  const row = (await system.db.query<{ id: string }>(sql, params)).rows[0];
  if (!row) throw new Error(`No demo record for: ${sql}`);
  return row.id;
};

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: true, withDashboard: false });
  schema = servedSchema(await committedSdls());
  for (const [role, email] of Object.entries(DEMO_ACCOUNTS)) tokens.set(role, await login(system, email, DEMO_PASSWORD));
  const partner = demoIdOf.partner('croix-rouge-62');
  const accompaniment = await one(
    `select id from beneficiaries.accompaniment where department_code = '62' and operator_id = $1 and ended_on is null and started_on is not null order by id limit 1`,
    [partner],
  );
  fixtures
    .set('partner', partner)
    .set('service', await one(`select id from partners.service where department_code = '62' and partner_id = $1 order by id limit 1`, [partner]))
    .set('programme', demoIdOf.programme('rss-62'))
    .set('convention', demoIdOf.convention('rss-2026-62-arrageois'))
    .set('accompaniment', accompaniment)
    .set('beneficiary', await one(`select beneficiary_id as id from beneficiaries.accompaniment where id = $1`, [accompaniment]))
    .set(
      'newcomer',
      await one(`select b.id from beneficiaries.beneficiary b where b.department_code = '62'
        and not exists (select 1 from beneficiaries.accompaniment a where a.beneficiary_id = b.id)
        and not exists (select 1 from contracts.engagement_contract c where c.beneficiary_id = b.id) order by b.id limit 1`),
    )
    .set('prescribedAccompaniment', await one(`select id from beneficiaries.accompaniment where department_code = '62' and validated_on is null and ended_on is null order by id limit 1`))
    // A draft to sign (the demo's contracts are all signed), for someone else than the newcomer.
    .set(
      'draftContract',
      await one(
        `insert into contracts.engagement_contract (id, department_code, beneficiary_id, kind, starts_on, ends_on, status)
         select gen_random_uuid(), '62', b.id, 'CER', '2026-01-05', '2026-07-04', 'DRAFT' from beneficiaries.beneficiary b
          where b.department_code = '62' and not exists (select 1 from contracts.engagement_contract c where c.beneficiary_id = b.id)
          order by b.id desc limit 1 returning id`,
      ),
    )
    .set('appointment', await one(`select id from beneficiaries.appointment where accompaniment_id = $1 order by id limit 1`, [accompaniment]))
    .set('referral', await one(`select id from beneficiaries.referral where department_code = '62' order by id limit 1`))
    .set('orientation', await one(`select id from beneficiaries.orientation where department_code = '62' order by id limit 1`))
    .set('reorientationRequest', await one(`select id from beneficiaries.reorientation_request where department_code = '62' and status = 'REQUESTED' order by id limit 1`))
    // A procedure heard, waiting for the Département's decision (db/src/seed/sanction.seed.ts).
    .set('sanctionProcedure', await one(`select id from beneficiaries.sanction_procedure where department_code = '62' order by (status = 'HEARD') desc, id limit 1`))
    .set('contract', await one(`select id from contracts.engagement_contract where department_code = '62' and status = 'SIGNED' order by starts_on, id limit 1`))
    .set('contractCommitment', await one(`select id from contracts.contract_commitment where department_code = '62' order by id limit 1`))
    .set('payment', await one(`select id from funding.payment where department_code = '62' order by id limit 1`))
    .set('referent', demoIdOf.user(DEMO_ACCOUNTS.REFERENT!))
    .set('territory', '62-arrageois')
    // Role changes and deactivations touch a spare account, never one the test signs in with.
    .set('spareUser', (await createUser(system.db, { role: 'STEERING', departmentCode: '62' })).id);
}, 300_000);

afterAll(async () => {
  await system?.stop();
});

describe('malformed input', () => {
  it('to every mutation is answered as a user error, never an internal one, and leaves no stack in the logs', async () => {
    const { bases, cases } = await probesFor('mutation');
    const mutations = Object.values(schema.getMutationType()!.getFields());
    // Every mutation with arguments is probed with values it must refuse, on real records of the demo.
    const probed = new Set(cases.filter((c) => c.strict).map((c) => c.field));
    expect(mutations.filter((m) => m.args.length > 0 && !probed.has(m.name)).map((m) => m.name)).toEqual([]);
    expect(['archivePartner', 'inviteUser', 'createCommitment', 'importBeneficiaries'].every((m) => probed.has(m))).toBe(true);
    expect([...missingFixtures]).toEqual([]);
    expect(cases.length).toBeGreaterThan(500);

    const logLinesBefore = system.logs.length;
    expect(await run(cases)).toEqual([]);
    const stacks = system.logs.slice(logLinesBefore).filter((line) => STACK_LINE.test(line));
    expect(stacks.slice(0, 5)).toEqual([]);
    expect(await malformedBases(bases)).toEqual([]);
  }, 600_000);

  it('to every query taking arguments is answered the same way', async () => {
    const { bases, cases } = await probesFor('query');
    expect(new Set(cases.map((c) => c.field))).toContain('partner');
    const logLinesBefore = system.logs.length;
    expect(await run(cases)).toEqual([]);
    expect(system.logs.slice(logLinesBefore).filter((line) => STACK_LINE.test(line)).slice(0, 5)).toEqual([]);
    expect(await malformedBases(bases)).toEqual([]);
  }, 600_000);

  it('still lets an import carry a whole file (well over the 10 000 characters of other texts)', async () => {
    const csv = `numero_caf;nom\n${'1234567;Martin\n'.repeat(2_000)}`;
    expect(csv.length).toBeGreaterThan(25_000);
    const answer = await send({
      field: 'importBeneficiaries',
      role: 'ADMIN',
      document: 'mutation ($csv: String!) { importBeneficiaries(csv: $csv, dryRun: true) { ok rowsRead } }',
      variables: { csv },
      leaf: 'csv',
      strict: false,
    });
    expect(answer.errors).toEqual([]);
    expect(answer.result).toMatchObject({ rowsRead: 2_000 });
  });
});
