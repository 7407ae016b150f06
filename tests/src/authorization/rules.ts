import { everyone, type Rule } from './matrix.js';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/**
 * The expected outcome of every root field for every role. A field of the supergraph without a rule
 * here makes the matrix test fail: deciding who may call it is part of adding it.
 */
export const rules: Record<string, Rule> = {
  // Geography and the directory: not nominative, every role of the Département.
  'Query.department': { document: '{ department { code } }', expect: everyone('data') },
  'Query.territories': { document: '{ territories(department: "62") { id } }', expect: everyone('data', { OTHER_DEPARTMENT: 'empty' }) },
  'Query.partner': {
    action: 'listing:read',
    document: 'query ($id: ID!) { partner(id: $id) { id } }',
    variables: (f) => ({ id: f.partner62! }),
    expect: everyone('data', { OTHER_DEPARTMENT: 'empty' }),
  },
  'Query.partners': {
    action: 'listing:read', document: '{ partners(first: 5) { nodes { id } } }', expect: everyone('data') },

  'Query.service': {
    action: 'listing:read',
    document: 'query ($id: ID!) { service(id: $id) { id } }',
    variables: (f) => ({ id: f.service62! }),
    expect: everyone('data', { OTHER_DEPARTMENT: 'empty' }),
  },
  'Query.searchServices': {
    action: 'listing:read', document: '{ searchServices(query: "santé", first: 5) { nodes { service { id } } } }', expect: everyone('data') },
  'Query.searchPartners': {
    action: 'listing:read', document: '{ searchPartners(query: "santé", first: 5) { nodes { partner { id } } } }', expect: everyone('data') },
  // Reference geography: communes of the caller's own Département (« be » : Béthune, Besançon…).
  'Query.communes': { document: '{ communes(name: "be", first: 5) { code } }', expect: everyone('data') },
  // Without a territory, the whole Département's coverage: refused to callers limited to some territories.
  'Query.coverage': {
    action: 'coverage:read',
    document: '{ coverage(theme: SANTE__SANTE_MENTALE) { servicesEligible } }',
    expect: everyone('data', { REFERENT: 'rejected', PRESCRIBER: 'rejected' }),
  },
  'Query.uncoveredTerritories': {
    action: 'coverage:read', document: '{ uncoveredTerritories(theme: SANTE__SANTE_MENTALE) { id } }', expect: everyone('empty') },
  'Query.exportDataInclusion': {
    action: 'listing:export', document: '{ exportDataInclusion { structures } }', expect: everyone('data') },
  'Query.staleListings': {
    action: 'listing:review', document: '{ staleListings { id } }', expect: everyone('forbidden', { ADMIN: 'empty', OTHER_DEPARTMENT: 'empty' }) },
  'Mutation.importDataInclusion': {
    action: 'listing:import',
    document: 'mutation { importDataInclusion(structures: "not json", services: "[]", dryRun: true) { ok } }',
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.createPartner': {
    action: 'listing:create',
    // No name: refused by validation, nothing written.
    document: 'mutation { createPartner(input: { kind: CMP, communeCode: "62041" }) { ok } }',
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.updatePartner': {
    action: 'listing:edit',
    // ADMIN and OPERATOR (its own structure only) may edit listings; an unknown id is not found.
    document: 'mutation ($id: ID!) { updatePartner(id: $id, input: { name: "X" }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OPERATOR: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.archivePartner': {
    action: 'listing:archive',
    document: 'mutation ($id: ID!) { archivePartner(id: $id) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.createService': {
    action: 'listing:create',
    document: 'mutation ($p: ID!) { createService(partnerId: $p, input: { description: "sans nom" }) { ok } }',
    variables: (f) => ({ p: f.partner62! }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.updateService': {
    action: 'listing:edit',
    document: 'mutation ($id: ID!) { updateService(id: $id, input: { name: "X" }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OPERATOR: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.archiveService': {
    action: 'listing:archive',
    document: 'mutation ($id: ID!) { archiveService(id: $id) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.updateServiceCapacity': {
    action: 'capacity:update',
    document: 'mutation ($id: ID!) { updateServiceCapacity(id: $id, capacity: { places: -1 }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OPERATOR: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },

  // People: nominative.
  'Query.beneficiary': {
    action: 'person:read',
    document: 'query ($id: ID!) { beneficiary(id: $id) { id } }',
    variables: (f) => ({ id: f.beneficiaryInReferentCaseload! }),
    expect: everyone('empty', { ADMIN: 'data', REFERENT: 'data', OPERATOR: 'data', STEERING: 'forbidden' }),
  },

  'Query.caseload': {
    action: 'caseload:read',
    // The people the caller follows as référent, or whose accompaniment its structure runs (operator); for an administrator, the Département's.
    document: '{ caseload(first: 5) { nodes { id } } }',
    expect: everyone('forbidden', { ADMIN: 'data', REFERENT: 'data', OPERATOR: 'data', OTHER_DEPARTMENT: 'data' }),
  },
  'Query.prescribed': {
    action: 'prescribed:read',
    // The people a prescriber prescribed: prescribers only.
    document: '{ prescribed(first: 5) { nodes { id } } }',
    expect: everyone('forbidden', { PRESCRIBER: 'data' }),
  },
  'Query.receivedReferrals': {
    // The partner's inbox: its operator (its own structure's) and administrators; names the people referred.
    action: 'referral:receive',
    document: '{ receivedReferrals(first: 5) { nodes { id } } }',
    expect: everyone('forbidden', { ADMIN: 'data', OPERATOR: 'data', OTHER_DEPARTMENT: 'data' }),
  },
  'Query.indicators': {
    action: 'indicators:read',
    // Aggregates: every role (suppressed for all but administrators).
    document: '{ indicators(period: { from: "2026-01-01", to: "2026-12-31" }) { peopleWelcomed { suppressed } } }',
    expect: everyone('data'),
  },
  'Query.indicatorsByTerritory': {
    action: 'indicators:read',
    // The same aggregates per territory (the caller's territories only, for those limited to some).
    document: '{ indicatorsByTerritory(period: { from: "2026-01-01", to: "2026-12-31" }) { territoryId peopleWelcomed { suppressed } } }',
    expect: everyone('data'),
  },
  'Query.publication': {
    action: 'indicators:read',
    // The grid and date of the Département's publication: no count, every role (null here: the
    // matrix's database never ran the publication job; tests/src/browser/publication.test.ts reads one).
    document: '{ publication { asOf gridName } }',
    expect: everyone('empty'),
  },
  'Mutation.prescribeAccompaniment': {
    action: 'accompaniment:prescribe',
    document: 'mutation ($p: ID!, $o: ID!) { prescribeAccompaniment(input: { beneficiaryId: "00000000-0000-4000-8000-000000000000", programmeId: $p, operatorId: $o, prescribedOn: "2026-11-01" }) { ok } }',
    variables: (f) => ({ p: f.programme62!, o: f.partner62! }),
    expect: everyone('rejected', { STEERING: 'forbidden', OPERATOR: 'forbidden' }),
  },
  'Mutation.validateOrientation': {
    action: 'accompaniment:validate',
    document: 'mutation ($id: ID!) { validateOrientation(input: { accompanimentId: $id, validatedOn: "2026-11-01" }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.recordExit': {
    action: 'exit:record',
    document: 'mutation ($id: ID!) { recordExit(input: { accompanimentId: $id, endedOn: "2026-11-01", reason: STABILISATION }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('rejected', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  'Mutation.recordAppointment': {
    action: 'appointment:record',
    document: 'mutation ($id: ID!) { recordAppointment(input: { accompanimentId: $id, kind: FIRST, scheduledOn: "2026-11-01", status: HONOURED }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('rejected', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  'Mutation.createReferral': {
    action: 'referral:send',
    document: 'mutation ($s: ID!, $p: ID!) { createReferral(input: { beneficiaryId: "00000000-0000-4000-8000-000000000000", serviceId: $s, partnerId: $p, sentOn: "2026-11-01" }) { ok } }',
    variables: (f) => ({ s: NO_SUCH_ID, p: f.partner62! }),
    expect: everyone('rejected', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  'Mutation.updateReferralStatus': {
    action: 'referral:update',
    document: 'mutation ($id: ID!) { updateReferralStatus(input: { referralId: $id, status: ACCEPTED, on: "2026-11-01" }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('rejected', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  // Orientation (loi pour le plein emploi): the tracks and criteria are reference data; decisions are the Département's,
  // requests its référents' and operators' (docs/beneficiaries.md « Orientation et réorientation »).
  'Query.orientationTracks': { document: '{ orientationTracks { code } }', expect: everyone('data') },
  'Query.orientationCriteria': { document: '{ orientationCriteria { code } }', expect: everyone('data') },
  'Query.reorientationRequests': {
    action: 'orientation:readRequests',
    // The demo has requests waiting on people the demo référent follows, in accompaniments the demo operator runs (db/src/seed/orientation.seed.ts); none in the Doubs.
    document: '{ reorientationRequests(first: 5) { nodes { id } } }',
    expect: everyone('forbidden', { ADMIN: 'data', REFERENT: 'data', OPERATOR: 'data', OTHER_DEPARTMENT: 'empty' }),
  },
  'Mutation.decideOrientation': {
    action: 'orientation:decide',
    document: 'mutation ($id: ID!) { decideOrientation(input: { beneficiaryId: $id, track: "SOCIAL", leadKind: DEPARTMENT, criteria: [], decidedOn: "2026-11-01" }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.notifyOrientation': {
    action: 'orientation:decide',
    document: 'mutation ($id: ID!) { notifyOrientation(input: { orientationId: $id, notifiedOn: "2026-11-01" }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.requestReorientation': {
    action: 'orientation:request',
    document: 'mutation ($id: ID!) { requestReorientation(input: { beneficiaryId: $id, proposedTrack: "PRO", reason: "test" }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { REFERENT: 'rejected', OPERATOR: 'rejected' }),
  },
  'Mutation.decideReorientation': {
    action: 'orientation:decide',
    document: 'mutation ($id: ID!) { decideReorientation(input: { requestId: $id, decision: REFUSED, decidedOn: "2026-11-01", reason: "test" }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.withdrawReorientation': {
    action: 'orientation:request',
    document: 'mutation ($id: ID!) { withdrawReorientation(requestId: $id) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { REFERENT: 'rejected', OPERATOR: 'rejected' }),
  },
  // Suspension-remobilisation (ADR 0026): référents record breaches and hearings for their people, administrators decide;
  // the figures are for steering (docs/sanctions.md).
  'Query.sanctionIndicators': {
    action: 'sanctionIndicators:read',
    document: '{ sanctionIndicators(period: { from: "2026-01-01", to: "2026-12-31" }) { opened { suppressed } } }',
    expect: everyone('forbidden', { ADMIN: 'data', STEERING: 'data', OTHER_DEPARTMENT: 'data' }),
  },
  'Mutation.recordBreach': {
    action: 'sanction:record',
    document: 'mutation ($id: ID!) { recordBreach(input: { beneficiaryId: $id, breachKind: APPOINTMENT_MISSED, breachOn: "2026-11-01", source: REFERENT }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', REFERENT: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.recordSanctionHearing': {
    action: 'sanction:record',
    document: 'mutation ($id: ID!) { recordSanctionHearing(input: { procedureId: $id, hearingOn: "2026-11-01", outcome: ORAL_OBSERVATIONS }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', REFERENT: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.decideSanction': {
    action: 'sanction:decide',
    document: 'mutation ($id: ID!) { decideSanction(input: { procedureId: $id, decision: NO_SANCTION, decidedOn: "2026-11-01" }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.liftSanction': {
    action: 'sanction:decide',
    document: 'mutation ($id: ID!) { liftSanction(input: { procedureId: $id, liftedOn: "2026-11-01", reason: CONTRACT_SIGNED, withheldRepaid: false }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.endSanctionProcedure': {
    action: 'sanction:decide',
    document: 'mutation ($id: ID!) { endSanctionProcedure(input: { procedureId: $id, endedOn: "2026-11-01", reason: "test" }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.importBeneficiaries': {
    action: 'people:import',
    // A file without the expected header: the administrator gets the report of what is wrong; nothing is written.
    document: 'mutation { importBeneficiaries(csv: "not;a;valid;file", dryRun: true) { ok } }',
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },

  // Conventions: not nominative.
  'Query.convention': {
    action: 'convention:read',
    document: 'query ($id: ID!) { convention(id: $id) { id } }',
    variables: (f) => ({ id: f.conventionOfOperator! }),
    expect: everyone('data', { OTHER_DEPARTMENT: 'empty' }),
  },

  'Query.conventions': {
    action: 'convention:read', document: '{ conventions(first: 5) { nodes { id } } }', expect: everyone('data') },
  // Places of the conventions of a period: not nominative, narrowed like conventions (the money in it is ADMIN and STEERING's).
  'Query.conventionIndicators': { document: '{ conventionIndicators(period: { from: "2026-01-01", to: "2026-12-31" }) { placesContracted } }', expect: everyone('data') },
  'Query.conventionAlerts': { document: '{ conventionAlerts(withinDays: 60, asOf: "2026-11-15") { kind } }', expect: everyone('data') },
  'Mutation.createConvention': {
    action: 'convention:write',
    // A period that ends before it starts: refused by the rules, nothing written.
    document: `mutation ($operator: ID!, $programme: ID!) { createConvention(input: { operatorId: $operator, programmeId: $programme, name: "X",
      startsOn: "2027-12-31", endsOn: "2027-01-01", fte: 1, territories: [], objectives: [] }) { ok } }`,
    variables: (f) => ({ operator: f.partner62!, programme: f.programme62! }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.amendConvention': {
    action: 'convention:write',
    document: 'mutation ($id: ID!) { amendConvention(input: { conventionId: $id, signedOn: "2026-01-01", reason: "test", places: 0 }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },

  // Engagement contracts (CER…): nominative.
  'Query.engagementContract': {
    action: 'contract:read',
    document: 'query ($id: ID!) { engagementContract(id: $id) { id } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('empty', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  'Query.contractAlerts': {
    action: 'contract:read',
    // The demo's contracts are signed as its accompaniments go (db/src/seed/engagement.seed.ts): on its
    // day, the demo référent's contrats d'engagement in force all end within a year.
    document: '{ contractAlerts(withinDays: 365, asOf: "2026-11-15") { kind } }',
    expect: everyone('data', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  'Query.contractIndicators': {
    action: 'contractIndicators:read',
    document: '{ contractIndicators(period: { from: "2025-01-01", to: "2025-12-31" }) { cerSigned { suppressed } } }',
    expect: everyone('data', { PRESCRIBER: 'forbidden' }),
  },
  'Mutation.createContract': {
    action: 'contract:write',
    document: 'mutation ($id: ID!) { createContract(input: { beneficiaryId: $id, kind: CER, startsOn: "2026-01-10", endsOn: "2026-01-01", commitments: [] }) { ok } }',
    variables: (f) => ({ id: f.beneficiaryInReferentCaseload! }),
    expect: everyone('rejected', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  'Mutation.convertCerToEngagement': {
    action: 'contract:write',
    // An unknown CER: not found for the roles that may write contracts.
    document: 'mutation ($id: ID!) { convertCerToEngagement(input: { contractId: $id, startsOn: "2026-12-01", signedOn: "2026-12-01", plan: { track: SOCIAL } }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('rejected', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  'Mutation.signContract': {
    action: 'contract:write',
    document: 'mutation ($id: ID!) { signContract(id: $id, signedOn: "2026-01-01") { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('rejected', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  'Mutation.requestContractRenewal': {
    action: 'contract:write',
    document: 'mutation ($id: ID!) { requestContractRenewal(id: $id, on: "2026-01-01") { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('rejected', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  'Mutation.renewContract': {
    action: 'contract:write',
    document: 'mutation ($id: ID!) { renewContract(id: $id, signedOn: "2026-01-01") { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('rejected', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  'Mutation.endContract': {
    action: 'contract:write',
    document: 'mutation ($id: ID!) { endContract(id: $id, endedOn: "2026-01-01", finalAssessment: "x") { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('rejected', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  'Mutation.cancelContract': {
    action: 'contract:write',
    document: 'mutation ($id: ID!) { cancelContract(id: $id, on: "2026-01-01") { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('rejected', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },
  'Mutation.updateContractCommitment': {
    action: 'contract:write',
    document: 'mutation ($id: ID!) { updateContractCommitment(input: { commitmentId: $id, status: DONE }) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('rejected', { STEERING: 'forbidden', PRESCRIBER: 'forbidden' }),
  },

  // Money: ADMIN and STEERING read, OPERATOR its own conventions' funding, ADMIN writes.
  'Query.callsForProjects': { document: '{ callsForProjects { id } }', expect: everyone('data', { OTHER_DEPARTMENT: 'empty' }) },
  'Query.fundingOverview': {
    action: 'funding:readOverview',
    document: '{ fundingOverview(budgetYear: 2025) { committedCents } }',
    expect: everyone('forbidden', { ADMIN: 'data', STEERING: 'data', OTHER_DEPARTMENT: 'data' }),
  },
  'Mutation.createCommitment': {
    action: 'funding:write',
    document: 'mutation ($c: ID!, $p: ID!) { createCommitment(input: { conventionId: $c, programmeId: $p, budgetYear: 2026, amountCents: 100, cofunding: [{ funder: DEPARTMENT, amountCents: 99 }] }) { ok } }',
    variables: (f) => ({ c: f.conventionOfOperator!, p: f.programme62! }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.setFundingTerms': {
    action: 'funding:write',
    document: 'mutation ($c: ID!) { setFundingTerms(input: { conventionId: $c, advancePercent: 50, balanceRule: FULL, fullFundingFromPercent: 90 }) { ok } }',
    variables: () => ({ c: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.scheduleFunding': {
    action: 'funding:write',
    document: 'mutation ($c: ID!) { scheduleFunding(input: { conventionId: $c, signedOn: "2026-01-01", operationEndsOn: "2026-12-31" }) { ok } }',
    variables: () => ({ c: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.recordFinalReport': {
    action: 'funding:write',
    document: 'mutation ($c: ID!) { recordFinalReport(input: { conventionId: $c, receivedOn: "2026-03-01", indicators: [] }) { ok } }',
    variables: () => ({ c: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.setPaymentStatus': {
    action: 'funding:write',
    document: 'mutation ($id: ID!) { setPaymentStatus(paymentId: $id, status: PAID, paidOn: "2026-01-01") { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },

  // Money.
  'Query.programme': {
    document: 'query ($id: ID!) { programme(id: $id) { id } }',
    variables: (f) => ({ id: f.programme62! }),
    expect: everyone('data', { OTHER_DEPARTMENT: 'empty' }),
  },
  'Query.programmes': { document: '{ programmes { id } }', expect: everyone('data') },

  // Served by the gateway itself.
  'Query.me': { document: '{ me { id } }', expect: everyone('data') },
  'Query.users': {
    action: 'user:manage', document: '{ users { id } }', expect: everyone('forbidden', { ADMIN: 'data', OTHER_DEPARTMENT: 'data' }) },
  'Query.accessLog': {
    action: 'accessLog:read', document: '{ accessLog(first: 5) { nodes { id } } }', expect: everyone('forbidden', { ADMIN: 'data', OTHER_DEPARTMENT: 'empty' }) },
  'Mutation.inviteUser': {
    action: 'user:manage',
    // An invalid address: the administrator's call reaches the rule check and is refused, nothing is written.
    document: 'mutation { inviteUser(input: { email: "not-an-address", displayName: "X", role: STEERING }) { ok } }',
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.changeUserRole': {
    action: 'user:manage',
    document: 'mutation ($id: ID!) { changeUserRole(input: { id: $id, role: STEERING }) { ok } }',
    variables: (f) => ({ id: f.spareUser! }),
    // The Doubs administrator cannot reach a user of the Pas-de-Calais: "not found".
    expect: everyone('forbidden', { ADMIN: 'data', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.deactivateUser': {
    action: 'user:manage',
    document: 'mutation ($id: ID!) { deactivateUser(id: $id) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.reinviteUser': {
    action: 'user:manage',
    document: 'mutation ($id: ID!) { reinviteUser(id: $id) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
  'Mutation.revokeInvitedUser': {
    action: 'user:manage',
    document: 'mutation ($id: ID!) { revokeInvitedUser(id: $id) { ok } }',
    variables: () => ({ id: NO_SUCH_ID }),
    expect: everyone('forbidden', { ADMIN: 'rejected', OTHER_DEPARTMENT: 'rejected' }),
  },
};

/** Fields the gateway serves itself (not in the composed supergraph). */
export const gatewayFields = ['Query.me', 'Query.users', 'Query.accessLog', 'Mutation.inviteUser', 'Mutation.changeUserRole', 'Mutation.deactivateUser', 'Mutation.reinviteUser', 'Mutation.revokeInvitedUser'];

/**
 * `_entities` straight at each subgraph, with a token the gateway would sign for each caller: the
 * same rules must hold for references as for queries. `own` is a record of the Pas-de-Calais,
 * `foreign` one of the Doubs; `expect` is for `own` (`foreign` is hidden from every caller of the
 * Pas-de-Calais and visible to the Doubs administrator).
 */
export interface EntityRule {
  subgraph: 'beneficiaries' | 'partners' | 'contracts' | 'funding';
  selection: string;
  own: (f: Record<string, string>) => Record<string, unknown>;
  foreign: (f: Record<string, string>) => Record<string, unknown>;
  expect: Record<'ADMIN' | 'STEERING' | 'REFERENT' | 'OPERATOR' | 'PRESCRIBER' | 'OTHER_DEPARTMENT', 'data' | 'empty'>;
}

export const entityRules: Record<string, EntityRule> = {
  Beneficiary: {
    subgraph: 'beneficiaries',
    selection: 'id',
    own: (f) => ({ id: f.beneficiaryInReferentCaseload }),
    foreign: (f) => ({ id: f.beneficiary25 }),
    expect: { ADMIN: 'data', STEERING: 'empty', REFERENT: 'data', OPERATOR: 'data', PRESCRIBER: 'empty', OTHER_DEPARTMENT: 'empty' },
  },
  Partner: {
    subgraph: 'partners',
    selection: 'id',
    own: (f) => ({ id: f.partner62 }),
    foreign: (f) => ({ id: f.partner25 }),
    expect: { ADMIN: 'data', STEERING: 'data', REFERENT: 'data', OPERATOR: 'data', PRESCRIBER: 'data', OTHER_DEPARTMENT: 'empty' },
  },
  Convention: {
    subgraph: 'contracts',
    selection: 'id',
    own: (f) => ({ id: f.conventionOfOperator }),
    foreign: (f) => ({ id: f.convention25 }),
    expect: { ADMIN: 'data', STEERING: 'data', REFERENT: 'data', OPERATOR: 'data', PRESCRIBER: 'data', OTHER_DEPARTMENT: 'empty' },
  },
  Programme: {
    subgraph: 'funding',
    selection: 'id',
    own: (f) => ({ id: f.programme62 }),
    foreign: (f) => ({ id: f.programme25 }),
    expect: { ADMIN: 'data', STEERING: 'data', REFERENT: 'data', OPERATOR: 'data', PRESCRIBER: 'data', OTHER_DEPARTMENT: 'empty' },
  },
};
