import { parseArgs } from 'node:util';
import { openOrm } from '@passerelles/db';
import type { MikroORM } from '@mikro-orm/postgresql';
import { todayIso } from '@passerelles/subgraph-kit';
import { readDatabaseUrl } from '../env.js';
import { beneficiariesSubgraph } from '../subgraph.js';
import { PublicationRepository } from './publication.repository.js';
import { publishDepartment } from './publication.service.js';

/**
 * `npm run publication -w @passerelles/beneficiaries [-- --department 62] [--as-of YYYY-MM-DD]`
 * Computes the publication of every Département (or of one) as of a day (default today) and
 * stores it: the figures callers without exact counts read (ADR 0023). Run it every night: the
 * solves take seconds to minutes per Département and must not run inside a request.
 */
const { values } = parseArgs({ options: { department: { type: 'string' }, 'as-of': { type: 'string' } } });
const orm = (await openOrm({ clientUrl: readDatabaseUrl(), schema: 'beneficiaries', entities: beneficiariesSubgraph.entities })) as MikroORM;
try {
  const asOf = values['as-of'] ?? todayIso();
  const departments = values.department ? [values.department] : await new PublicationRepository(orm.em.fork()).departments();
  for (const code of departments) {
    const started = Date.now();
    const stored = await publishDepartment(orm.em.fork(), code, asOf, { onTry: (grid) => console.log(`[publication] ${code}: auditing « ${grid} »`) });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      stored.grid
        ? `[publication] ${code} as of ${asOf}: « ${stored.grid.name} », ${Object.keys(stored.shown).length} figures shown, ${stored.report!.primary} « < 11 », ${stored.report!.secondary} « secret secondaire » (${seconds} s)`
        : `[publication] ${code} as of ${asOf}: no grid could be protected, nothing published (${seconds} s)`,
    );
  }
} finally {
  await orm.close(true);
}
