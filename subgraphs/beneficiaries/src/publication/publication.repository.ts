import type { EntityManager } from '@mikro-orm/postgresql';
import { leafKey, type StoredPublication } from '@passerelles/subgraph-kit';

interface PublicationRow {
  department_code: string;
  as_of: string;
  through_month: string | null;
  computed_at: Date | string;
  grid: StoredPublication['grid'];
  first_month: string | null;
  shown: Record<string, number>;
  hidden: StoredPublication['hidden'];
  tried: StoredPublication['tried'];
  report: StoredPublication['report'];
  released: StoredPublication['released'];
}

/** The key of a prescriber's part of a leaf: the people of the leaf it prescribed. */
const PRESCRIBER_PART = 'prescriber:';
export const prescriberPartKey = (prescriberId: string, leaf: string): string => `${PRESCRIBER_PART}${prescriberId}:${leaf}`;

/** Splits what `publishedLeaves` read: the leaves, and each prescriber's parts of them. */
export function splitParts(read: ReadonlyMap<string, number>): { leaves: Map<string, number>; prescribers: Map<string, Map<string, number>> } {
  const leaves = new Map<string, number>();
  const prescribers = new Map<string, Map<string, number>>();
  for (const [key, n] of read) {
    if (!key.startsWith(PRESCRIBER_PART)) {
      leaves.set(key, n);
      continue;
    }
    // The prescriber's id holds no ':' (a user id); the leaf follows it.
    const rest = key.slice(PRESCRIBER_PART.length);
    const cut = rest.indexOf(':');
    const prescriber = rest.slice(0, cut);
    (prescribers.get(prescriber) ?? prescribers.set(prescriber, new Map()).get(prescriber)!).set(rest.slice(cut + 1), n);
  }
  return { leaves, prescribers };
}

/** The leaves of a Département's publication and the stored publications themselves. */
export class PublicationRepository {
  constructor(private readonly em: EntityManager) {}

  /** Départements with at least one accompaniment started (those the job publishes). */
  async departments(): Promise<string[]> {
    const rows = await this.em.execute<{ code: string }[]>('select distinct department_code as code from beneficiaries.accompaniment where started_on is not null order by 1');
    return rows.map((r) => r.code);
  }

  /**
   * Accompaniments started, and ended per reason, per territory × programme × operator × month,
   * up to `asOf` (an exit after it is not known yet): the leaves of `LinkedPublication`. A
   * territory unknown is ''.
   */
  async leaves(departmentCode: string, asOf: string): Promise<Map<string, number>> {
    return new Map([...(await this.leavesAndParts(departmentCode, asOf))].filter(([key]) => !key.startsWith(PRESCRIBER_PART)));
  }

  /**
   * The leaves (`leaves`), and each prescriber's part of them: how many of a leaf's accompaniments
   * it prescribed, keyed `prescriberPartKey` (a prescriber knows the people it oriented, ADR 0023).
   */
  private async leavesAndParts(departmentCode: string, asOf: string): Promise<Map<string, number>> {
    const rows = await this.em.execute<{ part: number; prescriber: string | null; kind: 'S' | 'X'; territory: string; programme: string; operator: string; month: string; reason: string | null; n: number }[]>(
      `select 1 - grouping(prescriber_id) as part, prescriber_id as prescriber, 'S' as kind, coalesce(territory_id, '') as territory, programme_id::text as programme, operator_id::text as operator, to_char(started_on, 'YYYY-MM') as month, null as reason, count(*)::int as n
         from beneficiaries.accompaniment where department_code = ? and started_on <= ?::date group by grouping sets ((territory_id, programme_id, operator_id, to_char(started_on, 'YYYY-MM')), (prescriber_id, territory_id, programme_id, operator_id, to_char(started_on, 'YYYY-MM')))
       union all
       select 1 - grouping(prescriber_id), prescriber_id, 'X', coalesce(territory_id, ''), programme_id::text, operator_id::text, to_char(ended_on, 'YYYY-MM'), exit_reason, count(*)::int
         from beneficiaries.accompaniment where department_code = ? and started_on <= ?::date and ended_on <= ?::date group by grouping sets ((territory_id, programme_id, operator_id, to_char(ended_on, 'YYYY-MM'), exit_reason), (prescriber_id, territory_id, programme_id, operator_id, to_char(ended_on, 'YYYY-MM'), exit_reason))`,
      [departmentCode, asOf, departmentCode, asOf, asOf],
    );
    const out = new Map<string, number>();
    for (const r of rows) {
      // The grouping set without the prescriber gives the leaf; the other, the prescribers' parts (none recorded: no one's).
      const leaf = leafKey(r.kind, r.territory, r.programme, r.operator, r.month, r.reason ?? '');
      if (!r.part) out.set(leaf, r.n);
      else if (r.prescriber !== null) out.set(prescriberPartKey(r.prescriber, leaf), r.n);
    }
    return out;
  }

  /**
   * The leaves the publication reads (ADR 0023, « time »), with the prescribers' parts of them
   * (`prescriberPartKey`): those of the months frozen by earlier runs as they were frozen, and the
   * live ones of the months closed since (up to `throughMonth`), which it freezes now. A record dated in a frozen month later is never published. Call it in
   * the transaction that saves the publication, after `lock`: the leaves are frozen only with it.
   */
  async publishedLeaves(departmentCode: string, asOf: string, throughMonth: string): Promise<Map<string, number>> {
    const [state] = await this.em.execute<{ frozen_through: string | null }[]>('select frozen_through from beneficiaries.publication where department_code = ?', [departmentCode]);
    const frozenThrough = state?.frozen_through ?? null;
    const frozen = new Map<string, number>();
    if (frozenThrough) {
      const rows = await this.em.execute<{ leaf: string; n: number }[]>('select leaf, n from beneficiaries.publication_leaf where department_code = ? and month <= ?', [departmentCode, throughMonth]);
      for (const r of rows) frozen.set(r.leaf, r.n);
    }
    if (frozenThrough && frozenThrough >= throughMonth) return frozen;
    const monthOf = (leaf: string): string => leaf.slice(leaf.lastIndexOf('|') + 1);
    const fresh = [...(await this.leavesAndParts(departmentCode, asOf))].filter(([leaf]) => monthOf(leaf) <= throughMonth && (!frozenThrough || monthOf(leaf) > frozenThrough));
    for (let i = 0; i < fresh.length; i += 1000) {
      const chunk = fresh.slice(i, i + 1000);
      await this.em.execute(
        `insert into beneficiaries.publication_leaf (department_code, leaf, month, n) values ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`,
        chunk.flatMap(([leaf, n]) => [departmentCode, leaf, monthOf(leaf), n]),
      );
    }
    await this.em.execute(
      `insert into beneficiaries.publication (department_code, as_of, computed_at, shown, hidden, tried, frozen_through) values (?, ?::date, now(), '{}', '{}', '[]', ?)
       on conflict (department_code) do update set frozen_through = excluded.frozen_through`,
      [departmentCode, asOf, throughMonth],
    );
    for (const [leaf, n] of fresh) frozen.set(leaf, n);
    return frozen;
  }

  /** Serialises the runs of the job for a Département (until the transaction ends). */
  async lock(departmentCode: string): Promise<void> {
    await this.em.execute(`select pg_advisory_xact_lock(hashtext('publication:' || ?))`, [departmentCode]);
  }

  /** The Département's territories (reference data). */
  async territories(departmentCode: string): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>('select id from ref.territory where department_code = ? order by id', [departmentCode]);
    return rows.map((r) => r.id);
  }

  /**
   * Replaces the Département's publication, with the digest of what it was computed from (null:
   * not computed by the job from its inputs, so that its next run audits again).
   */
  async save(p: StoredPublication, inputsDigest: string | null): Promise<void> {
    await this.em.execute(
      `insert into beneficiaries.publication (department_code, as_of, through_month, computed_at, grid, first_month, shown, hidden, tried, report, released, inputs_digest)
       values (?, ?::date, ?, ?::timestamptz, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?)
       on conflict (department_code) do update set as_of = excluded.as_of, through_month = excluded.through_month, computed_at = excluded.computed_at, grid = excluded.grid,
         first_month = excluded.first_month, shown = excluded.shown, hidden = excluded.hidden, tried = excluded.tried, report = excluded.report, released = excluded.released,
         inputs_digest = excluded.inputs_digest`,
      [p.departmentCode, p.asOf, p.throughMonth, p.computedAt, JSON.stringify(p.grid), p.firstMonth, JSON.stringify(p.shown), JSON.stringify(p.hidden), JSON.stringify(p.tried), JSON.stringify(p.report), JSON.stringify(p.released), inputsDigest],
    );
  }

  /** The digest of what the Département's stored publication was computed from (null: none, or stored before digests). */
  async inputsDigest(departmentCode: string): Promise<string | null> {
    const rows = await this.em.execute<{ inputs_digest: string | null }[]>('select inputs_digest from beneficiaries.publication where department_code = ?', [departmentCode]);
    return rows[0]?.inputs_digest ?? null;
  }

  /** The closed years whose statistics the Département has stored (`publication-statistics.ts`). */
  async yearsStored(departmentCode: string): Promise<number[]> {
    const rows = await this.em.execute<{ year: number }[]>('select year from beneficiaries.publication_statistics where department_code = ?', [departmentCode]);
    return rows.map((r) => r.year);
  }

  /** Stores a closed year's statistics, computed as of `asOf`. */
  async saveYear(departmentCode: string, year: number, asOf: string, statistics: unknown): Promise<void> {
    await this.em.execute('insert into beneficiaries.publication_statistics (department_code, year, as_of, statistics) values (?, ?, ?::date, ?::jsonb)', [departmentCode, year, asOf, JSON.stringify(statistics)]);
  }

  /** A closed year's stored statistics, or null. */
  async findYear<T>(departmentCode: string, year: number): Promise<T | null> {
    const rows = await this.em.execute<{ statistics: T }[]>('select statistics from beneficiaries.publication_statistics where department_code = ? and year = ?', [departmentCode, year]);
    return rows[0]?.statistics ?? null;
  }

  async find(departmentCode: string): Promise<StoredPublication | null> {
    const rows = await this.em.execute<PublicationRow[]>(`select department_code, to_char(as_of, 'YYYY-MM-DD') as as_of, through_month, computed_at, grid, first_month, shown, hidden, tried, report, released
         from beneficiaries.publication where department_code = ?`, [departmentCode]);
    const r = rows[0];
    if (!r) return null;
    return {
      departmentCode: r.department_code,
      asOf: r.as_of,
      throughMonth: r.through_month,
      computedAt: new Date(r.computed_at).toISOString(),
      grid: r.grid,
      firstMonth: r.first_month,
      shown: r.shown,
      hidden: r.hidden,
      tried: r.tried,
      report: r.report,
      released: r.released,
    };
  }
}
