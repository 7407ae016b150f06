import pg from 'pg';
import { serviceRoleName } from './roles.js';

/**
 * Deletes access-log lines older than the retention period (1 year by default), the one deletion
 * the log allows: the transaction declares itself to the append-only trigger, which still refuses
 * any line younger than the period.
 */
export async function purgeAccessLog(databaseUrl: string, retentionDays = 365): Promise<number> {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error('retentionDays must be a whole number of days, at least 1');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    // The one role that may delete lines of the log (see roles.ts), where the launcher made it.
    const database = (await client.query<{ name: string }>('select current_database() as name')).rows[0]!.name;
    const purgeRole = await client.query<{ name: string }>('select rolname as name from pg_roles where rolname = $1', [serviceRoleName(database, 'audit_purge')]);
    if (purgeRole.rows[0]) await client.query(`set local role "${purgeRole.rows[0].name.replace(/"/g, '""')}"`);
    await client.query(`select set_config('passerelles.audit_retention', 'on', true), set_config('passerelles.audit_retention_days', $1, true)`, [String(retentionDays)]);
    const result = await client.query(`delete from audit.access_log where at < now() - $1 * interval '1 day'`, [retentionDays]);
    await client.query('commit');
    return result.rowCount ?? 0;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
