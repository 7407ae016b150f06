import { everyone, type Rule } from './matrix.js';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/**
 * The expected outcome of every root field for every role. A field of the supergraph without a rule
 * here makes the matrix test fail: deciding who may call it is part of adding it.
 */
export const rules: Record<string, Rule> = {
  // Geography and the directory: not nominative, every role of the Département.
  'Query.department': { document: '{ department { code } }', expect: everyone('data') },
  'Query.territories': { document: '{ territories(department: "62") { id } }', expect: everyone('data', { OTHER_DEPARTMENT: 'empty' }) },
  'Query.partner': {
    document: 'query ($id: ID!) { partner(id: $id) { id } }',
    variables: (f) => ({ id: f.partner62! }),
    expect: everyone('data', { OTHER_DEPARTMENT: 'empty' }),
  },
  'Query.partners': { document: '{ partners(first: 5) { nodes { id } } }', expect: everyone('data') },

  // People: nominative.
  'Query.beneficiary': {
    document: 'query ($id: ID!) { beneficiary(id: $id) { id } }',
    variables: (f) => ({ id: f.beneficiaryInReferentCaseload! }),
    expect: everyone('empty', { ADMIN: 'data' }),
  },

  // Conventions: not nominative.
  'Query.convention': {
    document: 'query ($id: ID!) { convention(id: $id) { id } }',
    variables: (f) => ({ id: f.conventionOfOperator! }),
    expect: everyone('data', { OTHER_DEPARTMENT: 'empty' }),
  },

  // Money.
  'Query.programme': {
    document: 'query ($id: ID!) { programme(id: $id) { id } }',
    variables: (f) => ({ id: f.programme62! }),
    expect: everyone('data', { OTHER_DEPARTMENT: 'empty' }),
  },
  'Query.programmes': { document: '{ programmes { id } }', expect: everyone('data') },

  // Served by the gateway itself.
  'Query.me': { document: '{ me { id } }', expect: everyone('data') },
  'Query.users': { document: '{ users { id } }', expect: everyone('forbidden', { ADMIN: 'data', OTHER_DEPARTMENT: 'data' }) },
  'Query.accessLog': { document: '{ accessLog(first: 5) { nodes { id } } }', expect: everyone('forbidden', { ADMIN: 'data', OTHER_DEPARTMENT: 'empty' }) },
  'Mutation.inviteUser': {
    // An invalid address: the administrator's call reaches the rule check and is refused, nothing is written.
    document: 'mutation { inviteUser(input: { email: "not-an-address", displayName: "X", role: STEERING }) { ok } }',
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.changeUserRole': {
    document: 'mutation ($id: ID!) { changeUserRole(input: { id: $id, role: STEERING }) { ok } }',
    variables: (f) => ({ id: f.spareUser! }),
    // The Doubs administrator cannot reach a user of the Pas-de-Calais: "not found".
    expect: everyone('forbidden', { ADMIN: 'data', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.deactivateUser': {
    document: 'mutation ($id: ID!) { deactivateUser(id: $id) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
};

/** Fields the gateway serves itself (not in the composed supergraph). */
export const gatewayFields = ['Query.me', 'Query.users', 'Query.accessLog', 'Mutation.inviteUser', 'Mutation.changeUserRole', 'Mutation.deactivateUser'];

/**
 * `_entities` straight at each subgraph, with a token the gateway would sign for each caller: the
 * same rules must hold for references as for queries. `own` is a record of the Pas-de-Calais,
 * `foreign` one of the Doubs; `expect` is for `own` (`foreign` is hidden from every caller of the
 * Pas-de-Calais and visible to the Doubs administrator).
 */
export interface EntityRule {
  subgraph: 'beneficiaries' | 'partners' | 'contracts' | 'funding';
  selection: string;
  own: (f: Record<string, string>) => Record<string, unknown>;
  foreign: (f: Record<string, string>) => Record<string, unknown>;
  expect: Record<'ADMIN' | 'STEERING' | 'REFERENT' | 'OPERATOR' | 'PRESCRIBER' | 'OTHER_DEPARTMENT', 'data' | 'empty'>;
}

export const entityRules: Record<string, EntityRule> = {
  Beneficiary: {
    subgraph: 'beneficiaries',
    selection: 'id',
    own: (f) => ({ id: f.beneficiaryInReferentCaseload }),
    foreign: (f) => ({ id: f.beneficiary25 }),
    expect: { ADMIN: 'data', STEERING: 'empty', REFERENT: 'empty', OPERATOR: 'empty', PRESCRIBER: 'empty', OTHER_DEPARTMENT: 'empty' },
  },
  Partner: {
    subgraph: 'partners',
    selection: 'id',
    own: (f) => ({ id: f.partner62 }),
    foreign: (f) => ({ id: f.partner25 }),
    expect: { ADMIN: 'data', STEERING: 'data', REFERENT: 'data', OPERATOR: 'data', PRESCRIBER: 'data', OTHER_DEPARTMENT: 'empty' },
  },
  Convention: {
    subgraph: 'contracts',
    selection: 'id',
    own: (f) => ({ id: f.conventionOfOperator }),
    foreign: (f) => ({ id: f.convention25 }),
    expect: { ADMIN: 'data', STEERING: 'data', REFERENT: 'data', OPERATOR: 'data', PRESCRIBER: 'data', OTHER_DEPARTMENT: 'empty' },
  },
  Programme: {
    subgraph: 'funding',
    selection: 'id',
    own: (f) => ({ id: f.programme62 }),
    foreign: (f) => ({ id: f.programme25 }),
    expect: { ADMIN: 'data', STEERING: 'data', REFERENT: 'data', OPERATOR: 'data', PRESCRIBER: 'data', OTHER_DEPARTMENT: 'empty' },
  },
};
