import type { SubgraphContext } from './context.js';

export type AuditOperation = 'READ' | 'CREATE' | 'UPDATE' | 'DELETE' | 'EXPORT' | 'IMPORT';

/**
 * Appends one line to `audit.access_log` for a read or write of nominative records (ARCHITECTURE.md
 * §5): who, with which role, which records, which operation, and the request's correlation id.
 * Batched reads log once per batch. The log is the one table outside its own schema that a
 * subgraph writes, and it can only append (a trigger refuses updates and deletes).
 */
export async function recordAccess(
  ctx: SubgraphContext,
  entry: { operation: AuditOperation; recordType: string; recordIds: readonly string[] },
): Promise<void> {
  if (entry.recordIds.length === 0) return;
  await ctx.em
    .getConnection()
    .execute(
      `insert into audit.access_log (department_code, user_id, role, operation, record_type, record_ids, correlation_id)
       values (?, ?, ?, ?, ?, ?::text[], ?)`,
      [ctx.caller.departmentCode, ctx.caller.userId, ctx.caller.role, entry.operation, entry.recordType, `{${entry.recordIds.map((id) => `"${id.replace(/"/g, '')}"`).join(',')}}`, ctx.correlationId],
    );
}
