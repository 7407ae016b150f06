import type pg from 'pg';
import { assertCan, type Caller } from '@passerelles/subgraph-kit';
import type { AccessLogArgs } from './admin.input.js';

/** Days are days in Paris, as everywhere in Passerelles (the kit's `CALENDAR_TIME_ZONE`). */
const CALENDAR_TIME_ZONE = 'Europe/Paris';

export interface AccessLogEntry {
  id: string;
  at: string;
  userId: string;
  /** The display name of the account that read or wrote, when it is an account of the Département. */
  userDisplayName: string | null;
  role: string;
  operation: string;
  recordType: string;
  recordIds: string[];
  correlationId: string | null;
}

export interface AccessLogPage {
  nodes: AccessLogEntry[];
  endCursor: string | null;
  hasNextPage: boolean;
}

interface AccessLogRow {
  id: string;
  at: Date;
  user_id: string;
  display_name: string | null;
  role: string;
  operation: string;
  record_type: string;
  record_ids: string[];
  correlation_id: string | null;
}

/**
 * The access log of the administrator's Département (the catalogue's `accessLog:read`), newest
 * first, paged by id, filtered in SQL by user, record and days (in Paris, both ends included),
 * with each line's user name joined in the same query. The gateway's database role may only
 * read it (ADR 0012). Reading the log is not itself logged: it names accounts, not people.
 */
export class AccessLogService {
  constructor(private readonly db: pg.Pool) {}

  async page(caller: Caller, args: AccessLogArgs): Promise<AccessLogPage> {
    assertCan(caller, 'accessLog:read');
    const { first } = args;
    const { rows } = await this.db.query<AccessLogRow>(
      `select l.id::text, l.at, l.user_id, u.display_name, l.role, l.operation, l.record_type, l.record_ids, l.correlation_id
         from audit.access_log l
         left join auth.app_user u on u.id::text = l.user_id and u.department_code = l.department_code
        where l.department_code = $1
          and ($2::bigint is null or l.id < $2)
          and ($3::text is null or l.user_id = $3)
          and ($4::text is null or $4 = any(l.record_ids))
          and ($5::date is null or l.at >= $5::date::timestamp at time zone $7)
          and ($6::date is null or l.at < ($6::date + 1)::timestamp at time zone $7)
        order by l.id desc limit $8`,
      [caller.departmentCode, args.after ?? null, args.userId ?? null, args.recordId ?? null, args.from ?? null, args.to ?? null, CALENDAR_TIME_ZONE, first + 1],
    );
    const nodes = rows.slice(0, first).map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      userId: r.user_id,
      userDisplayName: r.display_name,
      role: r.role,
      operation: r.operation,
      recordType: r.record_type,
      recordIds: r.record_ids,
      correlationId: r.correlation_id,
    }));
    return { nodes, hasNextPage: rows.length > first, endCursor: nodes.at(-1)?.id ?? null };
  }
}
