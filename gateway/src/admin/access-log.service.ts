import type pg from 'pg';
import { assertCan, type Caller } from '@passerelles/subgraph-kit';
import type { AccessLogArgs } from './admin.input.js';

export interface AccessLogEntry {
  id: string;
  at: string;
  userId: string;
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

/**
 * The access log of the administrator's Département (the catalogue's `accessLog:read`), newest
 * first, paged by id. The gateway's database role may only read it (ADR 0012).
 */
export class AccessLogService {
  constructor(private readonly db: pg.Pool) {}

  async page(caller: Caller, args: AccessLogArgs): Promise<AccessLogPage> {
    assertCan(caller, 'accessLog:read');
    const { first } = args;
    const { rows } = await this.db.query<{ id: string; at: Date; user_id: string; role: string; operation: string; record_type: string; record_ids: string[]; correlation_id: string | null }>(
      `select id::text, at, user_id, role, operation, record_type, record_ids, correlation_id from audit.access_log
        where department_code = $1 and ($2::bigint is null or id < $2) and ($3::text is null or user_id = $3)
          and ($4::text is null or $4 = any(record_ids))
        order by id desc limit $5`,
      [caller.departmentCode, args.after ?? null, args.userId ?? null, args.recordId ?? null, first + 1],
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
  }
}
