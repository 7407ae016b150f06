import type { Role } from '../identity/caller.js';

/**
 * Which rows of the caller's Département an action reaches, once the role is allowed:
 * - `department`: every row of the Département (listings, programmes, aggregates);
 * - `partner`: every row, except for an OPERATOR, who reaches only its own partner's rows
 *   (conventions, money, its listing);
 * - `caseload`: the people the caller follows — ADMIN every one, REFERENT those whose référent
 *   they are, OPERATOR those oriented to its partner, PRESCRIBER those they prescribed;
 * - `ownPart`: within a path the caller may already read, the parts it took: everything for ADMIN
 *   and the référent, its own accompaniments for an OPERATOR or a PRESCRIBER.
 * Another Département's rows are never reached, whatever the kind: they are not found, not
 * forbidden, so that their ids are not confirmed.
 */
export type RowKind = 'department' | 'partner' | 'caseload' | 'ownPart';

export interface ActionRule {
  /** The roles that may ever take the action; the gateway refuses the others (`@requiresScopes`). */
  roles: readonly Role[];
  rows: RowKind;
  /** A caller limited to territories reaches only rows of those territories. */
  territorial: boolean;
  /** What the action is, in the refusal's words: "Your role (STEERING) may not <label>." */
  label: string;
  /** Counts only, no one named: STEERING, who follows no one, counts the whole Département's caseload. */
  aggregate?: boolean;
}

const rule = (roles: readonly Role[], rows: RowKind, territorial: boolean, label: string, aggregate = false): ActionRule => ({
  roles,
  rows,
  territorial,
  label,
  ...(aggregate ? { aggregate } : {}),
});

const EVERYONE: readonly Role[] = ['ADMIN', 'STEERING', 'REFERENT', 'OPERATOR', 'PRESCRIBER'];
const FOLLOWERS: readonly Role[] = ['ADMIN', 'REFERENT', 'OPERATOR'];

/**
 * Every action of the four subgraphs and of the gateway's own fields, with its roles and its rows: the one table of who may do
 * what (the way graphql-hive's `authz.ts` and immich's `access.ts` keep theirs). Services ask
 * `assertCan` / `scopeOf` with an action of this table; resolvers declare `@Can(action)`, which
 * writes the same roles as `@requiresScopes` for the gateway. A role list is written here only.
 */
export const catalogue = {
  // People and their paths (beneficiaries)
  'person:read': rule(['ADMIN', 'REFERENT', 'OPERATOR', 'PRESCRIBER'], 'caseload', true, 'read people’s records'),
  'path:read': rule(['ADMIN', 'REFERENT', 'OPERATOR', 'PRESCRIBER'], 'ownPart', false, 'read people’s paths'),
  'accompaniment:prescribe': rule(['ADMIN', 'REFERENT', 'PRESCRIBER'], 'department', true, 'prescribe an accompaniment'),
  'accompaniment:validate': rule(['ADMIN'], 'department', true, 'validate an orientation'),
  'accompaniment:act': rule(FOLLOWERS, 'caseload', true, 'act on an accompaniment'),
  'exit:record': rule(FOLLOWERS, 'caseload', true, 'record an exit'),
  'appointment:record': rule(FOLLOWERS, 'caseload', true, 'record an appointment'),
  'referral:send': rule(FOLLOWERS, 'caseload', true, 'refer a person to a partner'),
  'referral:update': rule(FOLLOWERS, 'caseload', true, 'update a referral'),
  /** The partner's side of a referral: its inbox, accepting or refusing (an operator: referrals to its own structure). */
  'referral:receive': rule(['ADMIN', 'OPERATOR'], 'partner', false, 'receive referrals'),
  /** A caseload: the référent's people, the operator's (accompaniments its structure runs), the Département's for an administrator. */
  'caseload:read': rule(['ADMIN', 'REFERENT', 'OPERATOR'], 'caseload', true, 'read a caseload'),
  'prescribed:read': rule(['PRESCRIBER'], 'caseload', true, 'list the people they prescribed'),
  'people:import': rule(['ADMIN'], 'department', false, 'import people'),
  /** A territory's own counts (people on the RSA, oriented, exits): every role, over its territories; not narrowed to an operator. */
  'territoryCounts:read': rule(EVERYONE, 'department', true, 'read territories’ counts', true),
  /** The steering indicators (counts only): every role, a territory-limited caller over its territories, an operator over its own structure's accompaniments. */
  'indicators:read': rule(EVERYONE, 'partner', true, 'read steering indicators', true),
  'conventionCaseload:read': rule(EVERYONE, 'partner', false, 'read a convention caseload'),
  /** The Département's orientation decision (track, lead structure, criteria), its notification, and its answer to a reorientation request. */
  'orientation:decide': rule(['ADMIN'], 'department', true, 'decide orientations'),
  /** A reorientation request, made by the person's référent or by the operator running their accompaniment (and withdrawn by whoever made it). */
  'orientation:request': rule(['REFERENT', 'OPERATOR'], 'caseload', true, 'request a reorientation'),
  /** The reorientation requests: the Département's for an administrator, those on the caller's own people for a référent or an operator. */
  'orientation:readRequests': rule(FOLLOWERS, 'caseload', true, 'read reorientation requests'),
  /** Suspension-remobilisation (ADR 0026): a breach and the person's hearing are recorded by their référent (or an administrator). */
  'sanction:record': rule(['ADMIN', 'REFERENT'], 'caseload', true, 'record breaches and hearings'),
  /** The decision (rate, duration), its lifting on remobilisation and the end of a procedure: the Département's administrators only. */
  'sanction:decide': rule(['ADMIN'], 'department', true, 'decide sanctions'),
  /** A person's sanction procedures: nominative, their référent and administrators only (never operators or prescribers). */
  'sanction:read': rule(['ADMIN', 'REFERENT'], 'caseload', true, 'read sanction procedures'),
  /** How many procedures and how long, suppressed like every aggregate: for steering. */
  'sanctionIndicators:read': rule(['ADMIN', 'STEERING'], 'department', true, 'read sanction indicators', true),
  // Engagement contracts and conventions (contracts)
  'contract:read': rule(FOLLOWERS, 'caseload', true, 'read or write engagement contracts'),
  'contract:write': rule(FOLLOWERS, 'caseload', true, 'read or write engagement contracts'),
  'contractIndicators:read': rule(['ADMIN', 'STEERING', 'REFERENT', 'OPERATOR'], 'caseload', true, 'read contract indicators', true),
  'convention:read': rule(EVERYONE, 'partner', true, 'read conventions'),
  'convention:write': rule(['ADMIN'], 'department', false, 'change conventions'),
  // Statistical secrecy (ADR 0023): who reads aggregates exactly, small counts and any period included
  'counts:readExact': rule(['ADMIN'], 'department', false, 'read exact small counts and free periods in aggregates', true),
  /** A convention's own counts (caseload, people accompanied, balance basis): operators follow these people by name. */
  'conventionCounts:readExact': rule(['ADMIN', 'OPERATOR'], 'partner', false, 'read a convention’s exact counts', true),
  /** A structure's own counts of the people referred to it: the structure follows them by name. */
  'referralCounts:readExact': rule(['ADMIN', 'OPERATOR'], 'partner', false, 'read a structure’s exact counts of people referred to it', true),
  // Money (funding)
  'convention:readMoney': rule(['ADMIN', 'STEERING', 'OPERATOR'], 'partner', false, 'read funding'),
  /** Territorial: funding does not know which territories a convention serves, so a territory-limited caller is refused the overview rather than shown the Département's. */
  'funding:readOverview': rule(['ADMIN', 'STEERING'], 'department', true, 'read the funding overview'),
  'funding:readConventions': rule(['ADMIN', 'STEERING'], 'department', false, 'read the funding of conventions'),
  'funding:write': rule(['ADMIN'], 'department', false, 'change funding'),
  // The directory (partners)
  'listing:read': rule(EVERYONE, 'department', false, 'read listings'),
  'listing:create': rule(['ADMIN'], 'department', false, 'create listings'),
  'listing:edit': rule(['ADMIN', 'OPERATOR'], 'partner', false, 'edit listings'),
  /** The part of a listing the Département vouches for (name, kind, SIRET, networks, commune); `listing:edit` covers the practical rest. */
  'listing:editIdentity': rule(['ADMIN'], 'partner', false, 'change a structure’s identity (name, kind, SIRET, networks, commune)'),
  'listing:archive': rule(['ADMIN'], 'department', false, 'archive listings'),
  'listing:review': rule(['ADMIN'], 'department', false, 'review stale listings'),
  'listing:import': rule(['ADMIN'], 'department', false, 'import listings'),
  'listing:export': rule(EVERYONE, 'department', false, 'export listings'),
  'capacity:update': rule(['ADMIN', 'OPERATOR'], 'partner', false, 'update capacity'),
  /** The offer, not people: every role, over its territories. */
  'coverage:read': rule(EVERYONE, 'department', true, 'read coverage'),
  // Accounts and the access log (the gateway's own fields: users live in `auth`)
  'user:manage': rule(['ADMIN'], 'department', false, 'manage users'),
  'accessLog:read': rule(['ADMIN'], 'department', false, 'read the access log'),
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof catalogue;

export const actions = Object.keys(catalogue) as Action[];

/**
 * The actions a role may take (roles only: rows are the services' to decide). The gateway gives
 * them to the dashboard with the signed-in user (`/auth/me`), so that screens offer what the API
 * allows instead of deriving the rules again.
 */
export function actionsOf(role: Role): Action[] {
  return actions.filter((action) => (catalogue[action].roles as readonly Role[]).includes(role));
}
