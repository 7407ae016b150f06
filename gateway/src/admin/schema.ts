import { GraphQLError, Kind, parse, type DocumentNode } from 'graphql';
import type pg from 'pg';
import { z } from 'zod';
import { TERRITORY_ID, userInputError } from '@passerelles/subgraph-kit';
import { roles, type Caller } from '@passerelles/subgraph-kit/identity';
import { hashToken, randomToken } from '../auth/tokens.js';
import type { SessionStore } from '../auth/sessions.js';
import { publicUser, UserRepository, type PublicUser } from '../auth/users.js';

/**
 * What the gateway itself serves: the caller (`me`) and, for a Département's administrators, its
 * users and the access log. Users live in `auth`, which only the gateway reads and writes.
 */
export function adminTypeDefs(supergraph: DocumentNode): string {
  const hasMutation = supergraph.definitions.some((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation');
  return `
    "Role of a user: what they may see and do."
    enum UserRole { ${roles.join(' ')} }
    "A user of Passerelles, in one Département."
    type User {
      id: ID!
      email: String!
      displayName: String!
      role: UserRole!
      departmentCode: String!
      "Territories the user is limited to; empty for the whole Département."
      territoryIds: [ID!]!
      "The partner (operator) an OPERATOR user works for."
      partnerId: ID
      active: Boolean!
      lastLoginAt: String
    }
    "Result of a user-management mutation: \`error\` says what is wrong when \`ok\` is false."
    type UserResult { ok: Boolean! error: String user: User }
    "An invitation: the link to send to the person, valid 7 days."
    type InvitationResult { ok: Boolean! error: String user: User invitationToken: String }
    "One read or write of nominative records."
    type AccessLogEntry { id: ID! at: String! userId: String! role: String! operation: String! recordType: String! recordIds: [String!]! correlationId: String }
    "A page of the access log, newest first."
    type AccessLogPage { nodes: [AccessLogEntry!]! endCursor: String hasNextPage: Boolean! }
    input InviteUserInput { email: String! displayName: String! role: UserRole! territoryIds: [ID!] partnerId: ID }
    input ChangeUserRoleInput { id: ID! role: UserRole! territoryIds: [ID!] partnerId: ID }
    extend type Query {
      "The signed-in user."
      me: User!
      "Users of the administrator's Département."
      users: [User!]!
      "The access log of the administrator's Département (1 year kept)."
      accessLog(first: Int = 50, after: String, userId: ID, recordId: ID): AccessLogPage!
    }
    ${hasMutation ? 'extend type Mutation' : 'type Mutation'} {
      "Creates an account and returns a one-time invitation token (7 days) to choose a password."
      inviteUser(input: InviteUserInput!): InvitationResult!
      "Changes a user's role (and scope); their sessions end."
      changeUserRole(input: ChangeUserRoleInput!): UserResult!
      "Deactivates a user; their sessions end at once."
      deactivateUser(id: ID!): UserResult!
    }`;
}

interface Context {
  req?: object;
}

// Every argument is checked before any SQL, as the subgraphs' inputs are (subgraphs/kit/src/input.ts):
// ids are UUIDs or territory ids, texts are bounded and free of NUL (which PostgreSQL cannot store).
const uuid = z.guid('is not an id');
const text = (max: number) => z.string().max(max).refine((v) => !v.includes('\u0000'), 'contains a NUL character');
const territoryIds = z.array(z.string().max(100).regex(TERRITORY_ID, 'is not a territory id')).max(50).nullish();
const inviteInput = z.object({
  email: z.string().email('is not an e-mail address').max(320),
  displayName: text(200).min(1, 'is empty'),
  role: z.enum(roles),
  territoryIds,
  partnerId: uuid.nullish(),
});
const changeInput = z.object({
  id: uuid,
  role: z.enum(roles),
  territoryIds,
  partnerId: uuid.nullish(),
});
const accessLogArgs = z.object({
  first: z.number().int().min(1, 'must be between 1 and 200').max(200, 'must be between 1 and 200'),
  after: z.string().regex(/^\d{1,19}$/, 'is not a cursor of this list').nullish(),
  userId: uuid.nullish(),
  recordId: uuid.nullish(),
});

const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid input';
};

/** A database refusal of the caller's input that got past the checks is still their error: no masked internal error, no stack. */
const refusingUserInput =
  <A extends unknown[], R>(resolve: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    try {
      return await resolve(...args);
    } catch (error) {
      throw userInputError(error) ?? error;
    }
  };

export function adminResolvers(db: pg.Pool, sessions: SessionStore, callerOf: (req: object | undefined) => Caller | undefined): Record<string, Record<string, unknown>> {
  const requireCaller = (ctx: Context): Caller => {
    const caller = callerOf(ctx.req);
    if (!caller) throw new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    return caller;
  };
  const requireAdmin = (ctx: Context): Caller => {
    const caller = requireCaller(ctx);
    if (caller.role !== 'ADMIN') throw new GraphQLError(`Your role (${caller.role}) may not manage users or read the access log.`, { extensions: { code: 'FORBIDDEN' } });
    return caller;
  };
  const users = new UserRepository(db);
  /** The first of `ids` that is not a territory of the Département, or null. */
  const unknownTerritory = async (departmentCode: string, ids: readonly string[] | null | undefined): Promise<string | null> => {
    if (!ids || ids.length === 0) return null;
    const known = await db.query<{ id: string }>('select id from ref.territory where department_code = $1 and id = any($2::text[])', [departmentCode, ids]);
    const found = new Set(known.rows.map((r) => r.id));
    return ids.find((id) => !found.has(id)) ?? null;
  };
  const inDepartment = async (caller: Caller, id: string): Promise<PublicUser | null> => {
    const user = await users.byId(id);
    return user && user.department_code === caller.departmentCode ? publicUser(user) : null;
  };
  return {
    Query: {
      me: async (_: unknown, __: unknown, ctx: Context) => {
        const caller = requireCaller(ctx);
        const user = await inDepartment(caller, caller.userId);
        if (!user) throw new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED' } });
        return user;
      },
      users: async (_: unknown, __: unknown, ctx: Context) => (await users.inDepartment(requireAdmin(ctx).departmentCode)).map(publicUser),
      accessLog: refusingUserInput(async (_: unknown, rawArgs: unknown, ctx: Context) => {
        const caller = requireAdmin(ctx);
        const parsed = accessLogArgs.safeParse(rawArgs);
        if (!parsed.success) throw new GraphQLError(firstIssue(parsed.error), { extensions: { code: 'BAD_USER_INPUT' } });
        const args = parsed.data;
        const { first } = args;
        const after = args.after ?? null;
        const { rows } = await db.query<{ id: string; at: Date; user_id: string; role: string; operation: string; record_type: string; record_ids: string[]; correlation_id: string | null }>(
          `select id::text, at, user_id, role, operation, record_type, record_ids, correlation_id from audit.access_log
            where department_code = $1 and ($2::bigint is null or id < $2) and ($3::text is null or user_id = $3)
              and ($4::text is null or $4 = any(record_ids))
            order by id desc limit $5`,
          [caller.departmentCode, after, args.userId ?? null, args.recordId ?? null, first + 1],
        );
        const nodes = rows.slice(0, first).map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          userId: r.user_id,
          role: r.role,
          operation: r.operation,
          recordType: r.record_type,
          recordIds: r.record_ids,
          correlationId: r.correlation_id,
        }));
        return { nodes, hasNextPage: rows.length > first, endCursor: nodes.at(-1)?.id ?? null };
      }),
    },
    Mutation: {
      inviteUser: refusingUserInput(async (_: unknown, args: { input: unknown }, ctx: Context) => {
        const caller = requireAdmin(ctx);
        const parsed = inviteInput.safeParse(args.input);
        if (!parsed.success) return { ok: false, error: firstIssue(parsed.error), user: null, invitationToken: null };
        const input = parsed.data;
        if (input.role === 'OPERATOR' && !input.partnerId) return { ok: false, error: 'partnerId is required for an OPERATOR', user: null, invitationToken: null };
        const unknownInvited = await unknownTerritory(caller.departmentCode, input.territoryIds);
        if (unknownInvited) return { ok: false, error: `territoryIds: « ${unknownInvited.slice(0, 40)} » is not a territory of the Département`, user: null, invitationToken: null };
        if (await users.byEmail(input.email)) return { ok: false, error: 'email is already used by an account', user: null, invitationToken: null };
        const user = await users.create({
          departmentCode: caller.departmentCode,
          email: input.email,
          displayName: input.displayName,
          role: input.role,
          territoryIds: input.territoryIds ?? [],
          partnerId: input.partnerId ?? null,
        });
        const token = randomToken();
        await db.query(`insert into auth.invitation (token_hash, user_id, expires_at) values ($1, $2, now() + interval '7 days')`, [hashToken(token), user.id]);
        return { ok: true, error: null, user: publicUser(user), invitationToken: token };
      }),
      changeUserRole: refusingUserInput(async (_: unknown, args: { input: unknown }, ctx: Context) => {
        const caller = requireAdmin(ctx);
        const parsed = changeInput.safeParse(args.input);
        if (!parsed.success) return { ok: false, error: firstIssue(parsed.error), user: null };
        const { id, role, territoryIds, partnerId } = parsed.data;
        if (role === 'OPERATOR' && !partnerId) return { ok: false, error: 'partnerId is required for an OPERATOR', user: null };
        const unknownChanged = await unknownTerritory(caller.departmentCode, territoryIds);
        if (unknownChanged) return { ok: false, error: `territoryIds: « ${unknownChanged.slice(0, 40)} » is not a territory of the Département`, user: null };
        const updated = await users.update(id, caller.departmentCode, { role, ...(territoryIds ? { territoryIds } : {}), partnerId: role === 'OPERATOR' ? partnerId! : null });
        if (!updated) return { ok: false, error: 'user not found', user: null };
        await sessions.revokeAllOf(id);
        return { ok: true, error: null, user: publicUser(updated) };
      }),
      deactivateUser: refusingUserInput(async (_: unknown, args: { id: string }, ctx: Context) => {
        const caller = requireAdmin(ctx);
        if (!uuid.safeParse(args.id).success) return { ok: false, error: 'user not found', user: null };
        if (args.id === caller.userId) return { ok: false, error: 'you cannot deactivate your own account', user: null };
        const updated = await users.update(args.id, caller.departmentCode, { active: false });
        if (!updated) return { ok: false, error: 'user not found', user: null };
        await sessions.revokeAllOf(args.id);
        return { ok: true, error: null, user: publicUser(updated) };
      }),
    },
  };
}

export const parseSupergraph = (sdl: string): DocumentNode => parse(sdl);
