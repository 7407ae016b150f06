import { parseArgs } from 'node:util';
import { openOrm } from '@passerelles/db';
import type { MikroORM } from '@mikro-orm/postgresql';
import { PUBLICATION_LADDER, solverStats, todayIso } from '@passerelles/subgraph-kit';
import { readDatabaseUrl } from '../env.js';
import { compactAppointmentTally } from '../indicators/appointment-tally.js';
import { beneficiariesSubgraph } from '../subgraph.js';
import { PublicationRepository } from './publication.repository.js';
import { publishDepartment } from './publication.service.js';

/**
 * `npm run publication -w @passerelles/beneficiaries [-- --department 62] [--as-of YYYY-MM-DD] [--start-at N] [--first-start-at N] [--force]`
 * Computes the publication of every Département (or of one) as of a day (default today) and
 * stores it: the figures callers without exact counts read (ADR 0023). It publishes the months
 * closed on that day (ten days after their end), their records frozen as first read. Run it every
 * night: a month closes on the night it is due, and the solves take seconds to minutes per
 * Département, which must not run inside a request.
 * A Département whose leaves, names and grids tried did not change since its stored publication
 * (the nights no month closes) keeps it as it is, not audited again; `--force` audits it again.
 * `--start-at N` starts at the N-th grid of the ladder (1: the finest), skipping finer grids known
 * not to protect this Département's data (each costs minutes to reject).
 * `--first-start-at N` does the same for a Département never published only: until its first
 * publication its callers without exact counts read nothing, so a coarse grid in a minute is
 * better than a fine one in an hour; the next run tries from `--start-at` (`npm start` passes 3).
 * Each Département's appointment tally is compacted after its publication (ADR 0033).
 */
const { values } = parseArgs({
  options: { department: { type: 'string' }, 'as-of': { type: 'string' }, 'start-at': { type: 'string' }, 'first-start-at': { type: 'string' }, force: { type: 'boolean' } },
});
function gridNumber(option: 'start-at' | 'first-start-at', fallback: number): number {
  const n = Number(values[option] ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > PUBLICATION_LADDER.length) throw new Error(`--${option} must be a whole number from 1 to ${PUBLICATION_LADDER.length} (the ladder's grids, finest first).`);
  return n;
}
const startAt = gridNumber('start-at', 1);
const firstStartAt = gridNumber('first-start-at', startAt);
const orm = (await openOrm({ clientUrl: readDatabaseUrl(), schema: 'beneficiaries', entities: beneficiariesSubgraph.entities })) as MikroORM;
try {
  const asOf = values['as-of'] ?? todayIso();
  const departments = values.department ? [values.department] : await new PublicationRepository(orm.em.fork()).departments();
  for (const code of departments) {
    const started = Date.now();
    const published = (await new PublicationRepository(orm.em.fork()).find(code)) !== null;
    const stored = await publishDepartment(orm.em.fork(), code, asOf, {
      force: values.force ?? false,
      ladder: PUBLICATION_LADDER.slice((published ? startAt : firstStartAt) - 1),
      onTry: (grid) => console.log(`[publication] ${code}: auditing « ${grid} »`),
      onRound: (r) => console.log(`[publication] ${code}:   round ${r.round}: ${r.exposed} of ${r.audited} small counts exposed, ${r.secondary} hidden for them so far (${r.seconds.toFixed(1)} s)`),
    });
    const seconds = `${((Date.now() - started) / 1000).toFixed(1)} s, ${solverStats.solves} LP solves, ${solverStats.restarts} solved again from scratch`;
    const tally = await compactAppointmentTally(orm.em.fork(), code);
    console.log(`[publication] ${code}: appointment tally compacted, ${tally.before} rows → ${tally.after}`);
    if (stored.reused) {
      console.log(`[publication] ${code} as of ${asOf}: nothing changed since the publication of ${stored.asOf} (months closed through ${stored.throughMonth}), kept as it is (${seconds})`);
      continue;
    }
    console.log(
      stored.grid
        ? `[publication] ${code} as of ${asOf}, months closed through ${stored.throughMonth}: « ${stored.grid.name} », ${Object.keys(stored.shown).length} figures shown, ${stored.report!.primary} « < 11 », ${stored.report!.secondary} « secret secondaire »${stored.report!.withheld ? `, ${stored.report!.withheld} zeros withheld` : ''} (${seconds})`
        : `[publication] ${code} as of ${asOf}, months closed through ${stored.throughMonth}: no grid could be protected, nothing published (${seconds})`,
    );
  }
} finally {
  await orm.close(true);
}
