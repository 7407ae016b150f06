import 'reflect-metadata';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { catalogue } from './access/catalogue.js';
import type { Caller } from './identity/caller.js';

/**
 * Small-count suppression (ARCHITECTURE.md §5): in aggregates shown to anyone without nominative
 * rights, counts from 1 to 10 are hidden (« < 11 »), with secondary suppression so that a hidden
 * count can never be recomputed from a published total or its siblings. The one implementation:
 * every subgraph publishes its counts through it.
 */
export const SMALLEST_PUBLISHED_COUNT = 11;

export const isSmallCount = (count: number): boolean => count >= 1 && count < SMALLEST_PUBLISHED_COUNT;

/** Only a Département's administrators see exact small counts in aggregates. */
export function seesExactCounts(caller: Caller): boolean {
  return catalogue['counts:readExact'].roles.includes(caller.role);
}

/**
 * A convention's counts (caseload, people accompanied, the balance basis) are exact for
 * administrators and for operators, who follow these people by name and see only their own
 * conventions; for the others they are aggregates, suppressed from 1 to 10.
 */
export function seesExactConventionCounts(caller: Caller): boolean {
  return catalogue['conventionCounts:readExact'].roles.includes(caller.role);
}

/**
 * Why a count is hidden, said on every page and export: PRIMARY, a count from 1 to 10 (« < 11 »);
 * SECONDARY, a count hidden so that a primary one cannot be recomputed from a total or its
 * siblings (« secret secondaire »; never small, never 0: a count from 1 to 10 is PRIMARY whatever
 * hid it); NOT_PUBLISHED, a figure off the Département's publication grid (« non publié à ce
 * niveau »: a scope or period finer than what the linked protection could protect, ADR 0023).
 */
export enum SuppressionRule {
  PRIMARY = 'PRIMARY',
  SECONDARY = 'SECONDARY',
  NOT_PUBLISHED = 'NOT_PUBLISHED',
}
registerEnumType(SuppressionRule, {
  name: 'SuppressionRule',
  description:
    'Why a count is hidden: PRIMARY (a count from 1 to 10, « < 11 »), SECONDARY (11 or more, hidden so that another hidden count cannot be recomputed, « secret secondaire ») or NOT_PUBLISHED (a scope or period finer than the Département\'s publication grid, « non publié à ce niveau »).',
});

/** A published count: its value, or null when suppressed, and then the rule that hid it. */
export interface PublishedCount {
  value: number | null;
  suppressed: boolean;
  rule: SuppressionRule | null;
}

export interface PublishedGroup<K> {
  cells: { key: K; count: PublishedCount }[];
  total: PublishedCount;
}

/** A count published as it is. */
export const shownCount = (value: number): PublishedCount => ({ value, suppressed: false, rule: null });
/** A count hidden by `rule`. */
export const hiddenCount = (rule: SuppressionRule): PublishedCount => ({ value: null, suppressed: true, rule });
/** A count hidden in a table or group: PRIMARY when it is itself small, SECONDARY when hidden for another. */
export const hiddenFor = (count: number): PublishedCount => hiddenCount(isSmallCount(count) ? SuppressionRule.PRIMARY : SuppressionRule.SECONDARY);

/** One count on its own (no siblings, no total): primary suppression only. */
export function publishCount(count: number, exact: boolean): PublishedCount {
  return exact || !isSmallCount(count) ? shownCount(count) : hiddenCount(SuppressionRule.PRIMARY);
}

/**
 * How far a count from 1 to 10 must stay uncertain to whoever reads a group and its rules: its
 * feasible interval at least ±PROTECTION wide (the audit's threshold, ADR 0022).
 */
export const GROUP_PROTECTION = 2;

/** What a reader knows of a hidden count from its rule: « < 11 » is 1 to 10, « secret secondaire » 11 or more. */
const ruleBounds = (count: number): [number, number] => (isSmallCount(count) ? [1, 10] : [11, Infinity]);

/**
 * True when some hidden count from 1 to 10 can be narrowed below ±GROUP_PROTECTION from the
 * shown counts, the total (or its rule when hidden) and the rules of the other hidden counts.
 */
function narrowed(cells: readonly { count: number }[], hide: ReadonlySet<number>, total: number, totalHidden: boolean): boolean {
  const shownSum = cells.reduce((sum, c, i) => (hide.has(i) ? sum : sum + c.count), 0);
  const [totalLow, totalHigh] = totalHidden ? ruleBounds(total) : [total, total];
  const hidden = [...hide];
  return hidden.some((h) => {
    if (!isSmallCount(cells[h]!.count)) return false;
    const others = hidden.filter((j) => j !== h).map((j) => ruleBounds(cells[j]!.count));
    const low = Math.max(1, totalLow - shownSum - others.reduce((sum, [, high]) => sum + high, 0));
    const high = Math.min(10, totalHigh - shownSum - others.reduce((sum, [lowJ]) => sum + lowJ, 0));
    return high - low < 2 * GROUP_PROTECTION;
  });
}

/**
 * A group of counts that add up to a published total (e.g. exits by reason, people per territory):
 * 1. primary: every count from 1 to 10 is hidden;
 * 2. secondary: while a hidden count from 1 to 10 can be narrowed below ±GROUP_PROTECTION (from the
 *    total, the visible siblings and the hidden ones' rules: « < 11 » is 1 to 10, « secret
 *    secondaire » 11 or more), the smallest other non-zero count is hidden too; when none is left,
 *    the total is hidden instead;
 * 3. a total from 1 to 10 is hidden.
 * With `exact`, everything is shown as is.
 */
export function publishGroup<K>(cells: readonly { key: K; count: number }[], exact: boolean): PublishedGroup<K> {
  const total = cells.reduce((sum, c) => sum + c.count, 0);
  if (exact) return { cells: cells.map((c) => ({ key: c.key, count: shownCount(c.count) })), total: shownCount(total) };
  const hide = new Set<number>();
  cells.forEach((c, i) => {
    if (isSmallCount(c.count)) hide.add(i);
  });
  let totalHidden = isSmallCount(total);
  while (!totalHidden && narrowed(cells, hide, total, totalHidden)) {
    let candidate = -1;
    cells.forEach((c, i) => {
      if (!hide.has(i) && c.count > 0 && (candidate < 0 || c.count < cells[candidate]!.count)) candidate = i;
    });
    if (candidate >= 0) hide.add(candidate);
    else totalHidden = true;
  }
  return {
    cells: cells.map((c, i) => ({ key: c.key, count: hide.has(i) ? hiddenFor(c.count) : shownCount(c.count) })),
    total: totalHidden ? hiddenFor(total) : shownCount(total),
  };
}

@ObjectType('Count', { description: 'A count in an aggregate. Counts from 1 to 10 are suppressed (value null) for callers without nominative rights.' })
@Directive('@shareable')
export class CountType {
  @Field(() => Int, { nullable: true, description: 'The count, or null when suppressed (shown as « < 11 »).' })
  value!: number | null;

  @Field(() => Boolean, { description: 'True when the count is hidden to protect small numbers of people.' })
  suppressed!: boolean;

  @Field(() => SuppressionRule, { nullable: true, description: 'Why the count is hidden (null when published): PRIMARY « < 11 », SECONDARY « secret secondaire », NOT_PUBLISHED « non publié à ce niveau ».' })
  rule!: SuppressionRule | null;
}
