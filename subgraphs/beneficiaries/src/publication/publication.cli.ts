import { parseArgs } from 'node:util';
import { openOrm } from '@passerelles/db';
import type { MikroORM } from '@mikro-orm/postgresql';
import { PUBLICATION_LADDER, todayIso } from '@passerelles/subgraph-kit';
import { readDatabaseUrl } from '../env.js';
import { beneficiariesSubgraph } from '../subgraph.js';
import { PublicationRepository } from './publication.repository.js';
import { publishDepartment } from './publication.service.js';

/**
 * `npm run publication -w @passerelles/beneficiaries [-- --department 62] [--as-of YYYY-MM-DD] [--start-at N]`
 * Computes the publication of every Département (or of one) as of a day (default today) and
 * stores it: the figures callers without exact counts read (ADR 0023). Run it every night: the
 * solves take seconds to minutes per Département and must not run inside a request.
 * `--start-at N` starts at the N-th grid of the ladder (1: the finest), skipping finer grids known
 * not to protect this Département's data (each costs minutes to reject).
 */
const { values } = parseArgs({ options: { department: { type: 'string' }, 'as-of': { type: 'string' }, 'start-at': { type: 'string' } } });
const startAt = Number(values['start-at'] ?? 1);
if (!Number.isInteger(startAt) || startAt < 1 || startAt > PUBLICATION_LADDER.length) throw new Error(`--start-at must be a whole number from 1 to ${PUBLICATION_LADDER.length} (the ladder's grids, finest first).`);
const orm = (await openOrm({ clientUrl: readDatabaseUrl(), schema: 'beneficiaries', entities: beneficiariesSubgraph.entities })) as MikroORM;
try {
  const asOf = values['as-of'] ?? todayIso();
  const departments = values.department ? [values.department] : await new PublicationRepository(orm.em.fork()).departments();
  for (const code of departments) {
    const started = Date.now();
    const stored = await publishDepartment(orm.em.fork(), code, asOf, {
      ladder: PUBLICATION_LADDER.slice(startAt - 1),
      onTry: (grid) => console.log(`[publication] ${code}: auditing « ${grid} »`),
      onRound: (r) => console.log(`[publication] ${code}:   round ${r.round}: ${r.exposed} of ${r.audited} small counts exposed, ${r.secondary} hidden for them so far (${r.seconds.toFixed(1)} s)`),
    });
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
