import type { EntityManager } from '@mikro-orm/postgresql';
import type { BalanceRule } from '../terms/balance-rule.js';

/** What funding knows about one convention, in one row (totals computed in SQL). */
export interface ConventionFundingRow {
  conventionId: string;
  committedCents: number;
  paidCents: number;
  terms: { advance_percent: number; balance_rule: BalanceRule; full_funding_from_percent: number } | null;
  report: {
    due_on: string;
    received_on: string | null;
    places_contracted: number | null;
    places_filled: number | null;
    people_accompanied: number | null;
    indicators: Record<string, number>;
    closing_caseload: number | null;
    closing_places: number | null;
    closing_recorded_at: string | null;
  } | null;
  payments: { id: string; kind: string; amount_cents: number; due_on: string; status: string; paid_on: string | null }[];
  cofunding: { funder: string; amount_cents: number }[];
}

const COLUMNS = `
  c.id as "conventionId",
  coalesce((select sum(f.amount_cents) from funding.funding_commitment f where f.department_code = ? and f.convention_id = c.id), 0)::bigint as "committedCents",
  coalesce((select sum(p.amount_cents) from funding.payment p where p.department_code = ? and p.convention_id = c.id and p.status = 'PAID'), 0)::bigint as "paidCents",
  (select row_to_json(t) from funding.funding_terms t where t.department_code = ? and t.convention_id = c.id) as terms,
  (select row_to_json(r) from funding.final_report r where r.department_code = ? and r.convention_id = c.id) as report,
  coalesce((select json_agg(json_build_object('id', p.id, 'kind', p.kind, 'amount_cents', p.amount_cents, 'due_on', p.due_on, 'status', p.status, 'paid_on', p.paid_on)
                            order by p.due_on, p.kind, p.id)
              from funding.payment p where p.department_code = ? and p.convention_id = c.id), '[]'::json) as payments,
  coalesce((select json_agg(json_build_object('funder', s.funder, 'amount_cents', s.cents) order by s.funder)
              from (select s.funder, sum(s.amount_cents) as cents from funding.cofunding_share s
                      join funding.funding_commitment f on f.id = s.commitment_id
                     where s.department_code = ? and f.convention_id = c.id group by s.funder) s), '[]'::json) as cofunding`;

export class ConventionFundingRepository {
  constructor(private readonly em: EntityManager) {}

  /** Funding of the given conventions, one row each (all in one statement). */
  async byConventions(departmentCode: string, conventionIds: readonly string[]): Promise<ConventionFundingRow[]> {
    const rows: ConventionFundingRow[] = await this.em.execute(
      `select ${COLUMNS} from unnest(array[?]::uuid[]) as c(id)`,
      [...Array<string>(6).fill(departmentCode), [...conventionIds]],
    );
    return rows.map(normalise);
  }

  /** Funding of every convention with a commitment (for one budget year, when given). */
  async inDepartment(departmentCode: string, budgetYear: number | null): Promise<ConventionFundingRow[]> {
    const rows: ConventionFundingRow[] = await this.em.execute(
      `select ${COLUMNS}
         from (select distinct convention_id as id from funding.funding_commitment
                where department_code = ? and (?::int is null or budget_year = ?::int)) c
        order by c.id`,
      [...Array<string>(6).fill(departmentCode), departmentCode, budgetYear, budgetYear],
    );
    return rows.map(normalise);
  }
}

function normalise(row: ConventionFundingRow): ConventionFundingRow {
  return { ...row, committedCents: Number(row.committedCents), paidCents: Number(row.paidCents) };
}
