import type { EntityManager } from '@mikro-orm/postgresql';
import { accompanimentClosedPayload, internalHandler, type AccompanimentClosed } from '@passerelles/subgraph-kit';
import { ContractStatusChangeEntity, type EngagementContract } from './engagement.entity.js';
import { EngagementRepository } from './engagement.repository.js';
import type { StoredStatus } from './engagement.rules.js';

/** Who the status history names for changes made on beneficiaries' word. */
export const EXIT_AUTHOR = 'service:beneficiaries';

export interface ClosedAccompanimentOutcome {
  ended: string[];
  cancelled: string[];
}

/**
 * An accompaniment ended (beneficiaries recorded the exit, ADR 0021): in one transaction and under
 * the person's lock (so that no contract is signed for it meanwhile), it is recorded as closed —
 * no contract is written for it any more — and its contracts still open are settled: one in force
 * on the exit day ends that day with a final assessment saying why; a draft, or one starting on or
 * after the exit day, is cancelled; one already past its end is left as it is. Idempotent: the
 * same event delivered twice changes nothing the second time.
 */
export function closeAccompaniment(em: EntityManager, departmentCode: string, eventId: string, closed: AccompanimentClosed): Promise<ClosedAccompanimentOutcome> {
  return em.transactional(async (tx) => {
    const repository = new EngagementRepository(tx);
    await repository.lockBeneficiary(departmentCode, closed.beneficiaryId);
    await repository.recordClosed(departmentCode, closed, eventId);
    const outcome: ClosedAccompanimentOutcome = { ended: [], cancelled: [] };
    for (const contract of await repository.openOfAccompaniment(departmentCode, closed.beneficiaryId, closed.accompanimentId)) {
      if (contract.status === 'DRAFT' || contract.startsOn >= closed.endedOn) {
        settle(tx, contract, 'CANCELLED', closed.endedOn);
        outcome.cancelled.push(contract.id);
      } else if (contract.endsOn >= closed.endedOn) {
        contract.endsOn = closed.endedOn;
        contract.finalAssessment = `Clos par la sortie du dispositif le ${closed.endedOn.split('-').reverse().join('/')}.`;
        settle(tx, contract, 'ENDED', closed.endedOn);
        outcome.ended.push(contract.id);
      }
    }
    await tx.flush();
    return outcome;
  });
}

function settle(em: EntityManager, contract: EngagementContract, status: StoredStatus, on: string): void {
  contract.status = status;
  em.create(ContractStatusChangeEntity, { departmentCode: contract.departmentCode, contractId: contract.id, status, changedOn: on, changedBy: EXIT_AUTHOR, changedAt: new Date() });
}

/** `POST /internal/accompaniment-closed`, from beneficiaries only. */
export const accompanimentClosedHandler = internalHandler({
  from: ['beneficiaries'],
  payload: accompanimentClosedPayload,
  handle: async (event) => {
    await closeAccompaniment(event.em, event.sender.departmentCode, event.id, event.payload);
  },
});
