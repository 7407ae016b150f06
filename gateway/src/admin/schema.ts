import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import type pg from 'pg';
import { Refusal, userInputError } from '@passerelles/subgraph-kit';
import { roles, type Caller } from '@passerelles/subgraph-kit/identity';
import type { SessionStore } from '../auth/sessions.js';
import { AccessLogService } from './access-log.service.js';
import { accessLogArgs, parseInput } from './admin.input.js';
import { AccountService } from './accounts.service.js';

/**
 * What the gateway itself serves: the caller (`me`) and, for a Département's administrators, its
 * users and the access log. The rules are in the services (`accounts.service.ts`,
 * `access-log.service.ts`), which ask the kit's access catalogue like every subgraph; this file
 * only declares the fields and passes them the caller. Results use the subgraphs'
 * `MutationError` (the one shape of every mutation result).
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
      "The account's latest invitation, for administrators (null when never invited, and in \`me\`)."
      invitation: Invitation
    }
    "Where an invitation stands."
    enum InvitationStatus {
      "Sent, not accepted yet, still valid."
      PENDING
      "Not accepted before its expiry: it can be sent again."
      EXPIRED
      "Taken back by an administrator: the link no longer works and the account is deactivated."
      REVOKED
      "The person chose a password."
      ACCEPTED
    }
    "An invitation to choose a password, sent to a new user."
    type Invitation {
      status: InvitationStatus!
      "When it was sent (ISO 8601)."
      sentAt: String!
      "When its link stops working (ISO 8601)."
      expiresAt: String!
    }
    "Result of a user-management mutation: \`error\` says what is wrong when \`ok\` is false (codes: BAD_USER_INPUT, EMAIL_TAKEN, PARTNER_REQUIRED, UNKNOWN_TERRITORY, NOT_FOUND, OWN_ACCOUNT, NOT_PENDING)."
    type UserResult { ok: Boolean! error: MutationError user: User }
    "An invitation: the link to send to the person, valid 7 days."
    type InvitationResult { ok: Boolean! error: MutationError user: User invitationToken: String }
    "One read or write of nominative records."
    type AccessLogEntry {
      id: ID!
      "When (ISO 8601)."
      at: String!
      "The account that read or wrote."
      userId: String!
      "That account's name, when it is an account of the Département."
      userDisplayName: String
      "The account's role at the time."
      role: String!
      "READ, WRITE…"
      operation: String!
      "The kind of record (Beneficiary, Accompaniment…)."
      recordType: String!
      "The records read or written (a person's id, for instance)."
      recordIds: [String!]!
      correlationId: String
    }
    "A page of the access log, newest first."
    type AccessLogPage { nodes: [AccessLogEntry!]! endCursor: String hasNextPage: Boolean! }
    input InviteUserInput { email: String! displayName: String! role: UserRole! territoryIds: [ID!] partnerId: ID }
    input ChangeUserRoleInput { id: ID! role: UserRole! territoryIds: [ID!] partnerId: ID }
    extend type Query {
      "The signed-in user."
      me: User!
      "Users of the administrator's Département."
      users: [User!]!
      "The access log of the administrator's Département (1 year kept), filtered by user, record and days in Paris (\`from\` and \`to\`, YYYY-MM-DD, both included)."
      accessLog(first: Int = 50, after: String, userId: ID, recordId: ID, from: String, to: String): AccessLogPage!
    }
    ${hasMutation ? 'extend type Mutation' : 'type Mutation'} {
      "Creates an account and returns a one-time invitation token (7 days) to choose a password."
      inviteUser(input: InviteUserInput!): InvitationResult!
      "Changes a user's role (and scope); their sessions end. With \`dryRun\`, only checks the change."
      changeUserRole(input: ChangeUserRoleInput!, dryRun: Boolean = false): UserResult!
      "Deactivates a user; their sessions end at once."
      deactivateUser(id: ID!): UserResult!
      "Sends a waiting or expired invitation again: a new link, valid 7 days; the previous links stop working (code NOT_PENDING otherwise)."
      reinviteUser(id: ID!): InvitationResult!
      "Takes back a waiting or expired invitation: its link stops working and the account is deactivated (code NOT_PENDING otherwise)."
      revokeInvitedUser(id: ID!): UserResult!
    }`;
}

interface Context {
  req?: object;
}

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
  const callerIn = (ctx: Context): Caller => {
    const caller = callerOf(ctx.req);
    if (!caller) throw new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    return caller;
  };
  const accounts = new AccountService(db, sessions);
  const accessLog = new AccessLogService(db);
  return {
    Query: {
      me: async (_: unknown, __: unknown, ctx: Context) => {
        const user = await accounts.me(callerIn(ctx));
        if (!user) throw new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED' } });
        return user;
      },
      users: (_: unknown, __: unknown, ctx: Context) => accounts.list(callerIn(ctx)),
      accessLog: refusingUserInput(async (_: unknown, args: unknown, ctx: Context) => {
        const caller = callerIn(ctx);
        try {
          return await accessLog.page(caller, parseInput(accessLogArgs, args, 'accessLog'));
        } catch (error) {
          // A query has no result to carry a refusal: the caller's bad argument is a GraphQL error.
          if (error instanceof Refusal) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', argument: error.field } });
          throw error;
        }
      }),
    },
    Mutation: {
      inviteUser: refusingUserInput((_: unknown, args: { input: unknown }, ctx: Context) => accounts.invite(callerIn(ctx), args.input)),
      changeUserRole: refusingUserInput((_: unknown, args: { input: unknown; dryRun?: boolean | null }, ctx: Context) => accounts.changeRole(callerIn(ctx), args.input, args.dryRun === true)),
      deactivateUser: refusingUserInput((_: unknown, args: { id: string }, ctx: Context) => accounts.deactivate(callerIn(ctx), args.id)),
      reinviteUser: refusingUserInput((_: unknown, args: { id: unknown }, ctx: Context) => accounts.resendInvitation(callerIn(ctx), args.id)),
      revokeInvitedUser: refusingUserInput((_: unknown, args: { id: unknown }, ctx: Context) => accounts.revokeInvitation(callerIn(ctx), args.id)),
    },
  };
}

