import { ACCOMPANIMENT_CLOSED, CLOSING_CASELOAD, CONTRACT_SIGNED, type SubgraphDefinition } from '@passerelles/subgraph-kit';
import { contractSignedHandler } from './contract-signature/contract-signed.js';
import { closingCaseloadHandler } from './convention/closing-caseload.js';
import { AccompanimentEntity } from './accompaniment/accompaniment.entity.js';
import { AppointmentEntity } from './appointment/appointment.entity.js';
import { BeneficiaryEntity } from './beneficiary/beneficiary.entity.js';
import { DEFAULT_PORT } from './env.js';
import { backfillNameIndex } from './identity/name-index.backfill.js';
import { beneficiariesMigrations } from './migrations/index.js';
import { ReferralEntity } from './referral/referral.entity.js';
import { buildBeneficiariesSchema } from './schema.js';

export { configureIdentityKey } from './identity/identity.cipher.js';

/** People on the RSA and their accompaniment paths. */
export const beneficiariesSubgraph: SubgraphDefinition = {
  name: 'beneficiaries',
  schemaName: 'beneficiaries',
  defaultPort: DEFAULT_PORT,
  entities: [BeneficiaryEntity, AccompanimentEntity, AppointmentEntity, ReferralEntity],
  migrations: beneficiariesMigrations,
  buildSchema: buildBeneficiariesSchema,
  afterMigrate: async (orm, log) => {
    await backfillNameIndex(orm, log);
  },
  // An exit ends the contract in force, which contracts owns (ADR 0021).
  emits: { [ACCOMPANIMENT_CLOSED]: 'contracts' },
  // Funding asks for the active caseload of a convention's last day; contracts tells which contracts are signed (ADR 0021).
  internal: { [CLOSING_CASELOAD]: closingCaseloadHandler, [CONTRACT_SIGNED]: contractSignedHandler },
};
