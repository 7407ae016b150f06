import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { CLOSING_CASELOAD, CLOSING_PLACES, Passes, type BackgroundJob, type ClosingCaseloads, type ClosingPlaces, type InternalClient } from '@passerelles/subgraph-kit';
import { settleBalanceAmount } from './balance-payment.js';

interface Pending {
  convention_id: string;
  department_code: string;
}

const BATCH = 200;
/** How long `recordFinalReport` waits for the basis before answering (it is recorded later otherwise). */
const WAIT_IN_REQUEST_MS = 3_000;

/** The job of this process, which `recordFinalReport` kicks. */
const running: { job: ClosingFiguresJob | null } = { job: null };

/**
 * Records the balance rule's basis of the final reports received (ADR 0021, docs/funding.md): for
 * each report without it, the convention's last day and its places in force then (contracts), the
 * active caseload that day (beneficiaries) — the same functions as `Convention.closingOccupancy`
 * — then sets the balance payment from it. Runs at start, every `pollMs`, and right after a report
 * is recorded; when contracts or beneficiaries do not answer, the reports wait for the next pass
 * (their balance reads AWAITING_FIGURES meanwhile).
 */
export class ClosingFiguresJob implements BackgroundJob {
  private readonly passes: Passes;

  constructor(
    private readonly orm: MikroORM,
    private readonly client: InternalClient,
    log: (line: string) => void,
    pollMs = 10_000,
  ) {
    this.passes = new Passes(() => this.pass(), (line) => log(`[funding] closing figures: ${line}`), pollMs);
  }

  start(): void {
    running.job = this;
    this.passes.start();
  }

  async stop(): Promise<void> {
    if (running.job === this) running.job = null;
    await this.passes.stop();
  }

  /** A pass now, or right after the one in progress; resolves when that pass is over. */
  kick(): Promise<void> {
    return this.passes.kick();
  }

  private async pass(): Promise<void> {
    const pending = await this.orm.em.fork().execute<Pending[]>(
      `select convention_id, department_code from funding.final_report where received_on is not null and closing_places is null order by department_code, convention_id limit ${BATCH}`,
    );
    const byDepartment = new Map<string, string[]>();
    for (const p of pending) byDepartment.set(p.department_code, [...(byDepartment.get(p.department_code) ?? []), p.convention_id]);
    for (const [department, conventionIds] of byDepartment) {
      const places = await this.client.call<ClosingPlaces>('contracts', CLOSING_PLACES, department, { conventionIds });
      if (places.length === 0) continue;
      const caseloads = await this.client.call<ClosingCaseloads>('beneficiaries', CLOSING_CASELOAD, department, { items: places.map((p) => ({ conventionId: p.conventionId, date: p.endsOn })) });
      const caseloadOf = new Map(caseloads.map((c) => [c.conventionId, c.activeCaseload]));
      await this.orm.em.fork().transactional(async (em) => {
        for (const p of places) {
          const caseload = caseloadOf.get(p.conventionId);
          if (caseload !== undefined) await recordBalanceBasis(em, department, p.conventionId, { places: p.places, caseload });
        }
      });
    }
  }
}

/**
 * Records a received report's basis and sets the balance payment from it, in the caller's
 * transaction. Only a report still waiting for it: one recorded again meanwhile is fetched anew.
 */
export async function recordBalanceBasis(em: EntityManager, department: string, conventionId: string, basis: { places: number; caseload: number }): Promise<void> {
  await em.execute(
    `update funding.final_report set closing_places = ?, closing_caseload = ?, closing_recorded_at = now()
      where department_code = ? and convention_id = ? and received_on is not null and closing_places is null`,
    [basis.places, basis.caseload, department, conventionId],
  );
  await settleBalanceAmount(em, department, conventionId);
}

/** A pass of the job of this process, waited for a few seconds at most (`recordFinalReport` answers with the basis when it can). */
export async function awaitClosingFigures(): Promise<void> {
  if (!running.job) return;
  await Promise.race([running.job.kick(), new Promise((resolve) => setTimeout(resolve, WAIT_IN_REQUEST_MS).unref())]);
}
