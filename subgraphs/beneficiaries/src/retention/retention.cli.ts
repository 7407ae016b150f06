import { parseArgs } from 'node:util';
import { openOrm } from '@passerelles/db';
import type { MikroORM } from '@mikro-orm/postgresql';
import { todayIso } from '@passerelles/subgraph-kit';
import { readDatabaseUrl } from '../env.js';
import { beneficiariesSubgraph } from '../subgraph.js';
import { anonymiseInactivePeople, DEFAULT_RETENTION_MONTHS, setRetentionPolicy } from './retention.service.js';

/**
 * `npm run retention -w @passerelles/beneficiaries [-- --as-of YYYY-MM-DD] [--department 62 --months 36]`
 * Anonymises the people whose last contact is older than their Département's retention period
 * (default 24 months). With --department and --months, sets that Département's period first.
 */
const { values } = parseArgs({ options: { 'as-of': { type: 'string' }, department: { type: 'string' }, months: { type: 'string' } } });
const orm = (await openOrm({ clientUrl: readDatabaseUrl(), schema: 'beneficiaries', entities: beneficiariesSubgraph.entities })) as MikroORM;
try {
  if (values.department && values.months) await setRetentionPolicy(orm.em.fork(), values.department, Number(values.months));
  const ids = await anonymiseInactivePeople(orm.em.fork(), values['as-of'] ?? todayIso(), DEFAULT_RETENTION_MONTHS);
  console.log(`[retention] ${ids.length} people anonymised`);
} finally {
  await orm.close(true);
}
