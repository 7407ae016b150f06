import type { EntityManager } from '@mikro-orm/postgresql';
import { ConventionFundingRepository } from '../convention/convention.repository.js';
import { recordedOccupancy, termsOf } from '../convention/convention.service.js';
import { PaymentEntity } from '../payment/payment.entity.js';
import { balance } from '../terms/balance-rule.js';

/** Sets the amount of the unpaid balance payment from the balance rule (when the rule can tell): exact figures, this is money owed. */
export async function settleBalanceAmount(em: EntityManager, department: string, conventionId: string): Promise<void> {
  const [row] = await new ConventionFundingRepository(em).byConventions(department, [conventionId]);
  if (!row?.report) return;
  const b = balance(row.committedCents, row.paidCents, termsOf(row), { receivedOn: row.report.received_on }, recordedOccupancy(row, true));
  if (b.status === 'AWAITING_FINAL_REPORT' || b.status === 'AWAITING_FIGURES') return;
  await em.nativeUpdate(PaymentEntity, { departmentCode: department, conventionId, kind: 'BALANCE', status: { $in: ['PLANNED', 'REQUESTED'] } }, { amountCents: b.balanceDueCents });
}
