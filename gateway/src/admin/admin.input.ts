import { z } from 'zod';
import { Refusal, TERRITORY_ID } from '@passerelles/subgraph-kit';
import { roles } from '@passerelles/subgraph-kit/identity';

// Every argument is checked before any SQL, as the subgraphs' inputs are (subgraphs/kit/src/input.ts):
// ids are UUIDs or territory ids, texts are bounded and free of NUL (which PostgreSQL cannot store).
const uuid = z.guid('is not an id');
const text = (max: number) => z.string().max(max).refine((v) => !v.includes('\u0000'), 'contains a NUL character');
const territoryIds = z.array(z.string().max(100).regex(TERRITORY_ID, 'is not a territory id')).max(50).nullish();

export const inviteInput = z.object({
  email: z.string().email('is not an e-mail address').max(320),
  displayName: text(200).min(1, 'is empty'),
  role: z.enum(roles),
  territoryIds,
  partnerId: uuid.nullish(),
});
export type InviteInput = z.infer<typeof inviteInput>;

export const changeRoleInput = z.object({
  id: uuid,
  role: z.enum(roles),
  territoryIds,
  partnerId: uuid.nullish(),
});
export type ChangeRoleInput = z.infer<typeof changeRoleInput>;

/** The id of an account, as `reinviteUser(id)` and `revokeInvitedUser(id)` take it. */
export const userIdInput = uuid;

/** A calendar day, YYYY-MM-DD, that exists (no 31 February). */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date as YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'is not a date of the calendar');

export const accessLogArgs = z
  .object({
    first: z.number().int().min(1, 'must be between 1 and 200').max(200, 'must be between 1 and 200'),
    after: z.string().regex(/^\d{1,19}$/, 'is not a cursor of this list').nullish(),
    userId: uuid.nullish(),
    recordId: uuid.nullish(),
    /** First day (in Paris) of the lines wanted, included. */
    from: isoDay.nullish(),
    /** Last day (in Paris), included. */
    to: isoDay.nullish(),
  })
  .refine((a) => !a.from || !a.to || a.from <= a.to, { message: 'must be on or after from', path: ['to'] });
export type AccessLogArgs = z.infer<typeof accessLogArgs>;

/**
 * The parsed input, or a `Refusal` naming the first field at fault (`input.email`): returned to
 * the caller as `{ ok: false, error: { code: BAD_USER_INPUT, field } }`.
 */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, argument: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [argument, ...(issue?.path ?? []).map(String)].join('.');
  throw new Refusal('BAD_USER_INPUT', issue ? `${field} ${issue.message}` : `${argument} is not valid`, field);
}
