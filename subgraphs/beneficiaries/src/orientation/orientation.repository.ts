import type { EntityManager } from '@mikro-orm/postgresql';
import type { Condition } from '@passerelles/subgraph-kit';
import type { ReorientationStatus } from './orientation.enums.js';
import type { CriterionRecord, OrientationRecord, ReorientationRequestRecord, TrackRecord } from './orientation.record.js';

const ORIENTATION_COLUMNS = `o.id, o.department_code as "departmentCode", o.beneficiary_id as "beneficiaryId", o.track, o.lead_kind as "leadKind",
  o.lead_partner_id as "leadPartnerId", o.criteria, o.decided_on::text as "decidedOn", o.notified_on::text as "notifiedOn", o.source,
  o.recorded_by as "recordedBy", o.reason, o.previous_orientation_id as "previousOrientationId", o.request_id as "requestId"`;

const REQUEST_COLUMNS = `r.id, r.department_code as "departmentCode", r.beneficiary_id as "beneficiaryId", b.territory_id as "territoryId",
  r.orientation_id as "orientationId", r.proposed_track as "proposedTrack", r.reason, r.status, r.requested_by as "requestedBy",
  r.requested_on::text as "requestedOn", r.decided_by as "decidedBy", r.decided_on::text as "decidedOn", r.decision_reason as "decisionReason",
  r.resulting_orientation_id as "resultingOrientationId"`;

/** Newest first: the latest decided, then the latest recorded among those of one day. The first one is the current orientation. */
const NEWEST_FIRST = 'o.decided_on desc, o.created_at desc, o.id desc';

export interface NewOrientation {
  id: string;
  departmentCode: string;
  beneficiaryId: string;
  track: string;
  leadKind: string;
  leadPartnerId: string | null;
  criteria: readonly string[];
  decidedOn: string;
  notifiedOn: string | null;
  source: string;
  recordedBy: string;
  reason: string | null;
  previousOrientationId: string | null;
  requestId: string | null;
}

export class OrientationRepository {
  constructor(private readonly em: EntityManager) {}

  tracks(): Promise<TrackRecord[]> {
    return this.em.execute('select code, label, description, position from beneficiaries.orientation_track order by position');
  }

  criteria(): Promise<CriterionRecord[]> {
    return this.em.execute('select code, category, label, position from beneficiaries.orientation_criterion order by position');
  }

  /** The orientations of these people, newest first per person. */
  byBeneficiaries(departmentCode: string, beneficiaryIds: readonly string[]): Promise<OrientationRecord[]> {
    return this.em.execute(`select ${ORIENTATION_COLUMNS} from beneficiaries.orientation o where o.department_code = ? and o.beneficiary_id in (?) order by o.beneficiary_id, ${NEWEST_FIRST}`, [
      departmentCode,
      [...beneficiaryIds],
    ]);
  }

  async byId(departmentCode: string, id: string): Promise<OrientationRecord | undefined> {
    const rows = await this.em.execute<OrientationRecord[]>(`select ${ORIENTATION_COLUMNS} from beneficiaries.orientation o where o.department_code = ? and o.id = ?`, [departmentCode, id]);
    return rows[0];
  }

  /** The person's current orientation (the latest decided), read in the caller's transaction. */
  async current(departmentCode: string, beneficiaryId: string): Promise<OrientationRecord | undefined> {
    const rows = await this.em.execute<OrientationRecord[]>(
      `select ${ORIENTATION_COLUMNS} from beneficiaries.orientation o where o.department_code = ? and o.beneficiary_id = ? order by ${NEWEST_FIRST} limit 1`,
      [departmentCode, beneficiaryId],
    );
    return rows[0];
  }

  async insert(o: NewOrientation): Promise<void> {
    await this.em.execute(
      `insert into beneficiaries.orientation (id, department_code, beneficiary_id, track, lead_kind, lead_partner_id, criteria, decided_on, notified_on, source, recorded_by, reason, previous_orientation_id, request_id)
       values (?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?)`,
      [o.id, o.departmentCode, o.beneficiaryId, o.track, o.leadKind, o.leadPartnerId, `{${o.criteria.join(',')}}`, o.decidedOn, o.notifiedOn, o.source, o.recordedBy, o.reason, o.previousOrientationId, o.requestId],
    );
  }

  /**
   * Keeps `beneficiary.orientation_kind` equal to the track of the person's current orientation,
   * in the transaction that wrote the orientation (people never oriented here keep theirs).
   */
  async syncOrientationKind(departmentCode: string, beneficiaryId: string): Promise<void> {
    await this.em.execute(
      `update beneficiaries.beneficiary b set orientation_kind = o.track
         from (select track from beneficiaries.orientation o where o.department_code = ? and o.beneficiary_id = ? order by ${NEWEST_FIRST} limit 1) o
        where b.department_code = ? and b.id = ? and b.orientation_kind <> o.track`,
      [departmentCode, beneficiaryId, departmentCode, beneficiaryId],
    );
  }

  /** Sets the notification day, once: the number of rows changed (0 when someone notified it meanwhile). */
  async notify(departmentCode: string, id: string, notifiedOn: string): Promise<number> {
    const rows = await this.em.execute<{ id: string }[]>(
      'update beneficiaries.orientation set notified_on = ? where department_code = ? and id = ? and notified_on is null returning id',
      [notifiedOn, departmentCode, id],
    );
    return rows.length;
  }

  // Reorientation requests

  async requestById(departmentCode: string, id: string, forUpdate = false): Promise<ReorientationRequestRecord | undefined> {
    const rows = await this.em.execute<ReorientationRequestRecord[]>(
      `select ${REQUEST_COLUMNS} from beneficiaries.reorientation_request r join beneficiaries.beneficiary b on b.id = r.beneficiary_id
        where r.department_code = ? and r.id = ?${forUpdate ? ' for update of r' : ''}`,
      [departmentCode, id],
    );
    return rows[0];
  }

  requestsByBeneficiaries(departmentCode: string, beneficiaryIds: readonly string[]): Promise<ReorientationRequestRecord[]> {
    return this.em.execute(
      `select ${REQUEST_COLUMNS} from beneficiaries.reorientation_request r join beneficiaries.beneficiary b on b.id = r.beneficiary_id
        where r.department_code = ? and r.beneficiary_id in (?) order by r.requested_on desc, r.created_at desc`,
      [departmentCode, [...beneficiaryIds]],
    );
  }

  async hasWaitingRequest(departmentCode: string, beneficiaryId: string): Promise<boolean> {
    const rows = await this.em.execute<{ waiting: boolean }[]>(
      `select exists (select 1 from beneficiaries.reorientation_request where department_code = ? and beneficiary_id = ? and status = 'REQUESTED') as waiting`,
      [departmentCode, beneficiaryId],
    );
    return rows[0]?.waiting ?? false;
  }

  async insertRequest(r: { id: string; departmentCode: string; beneficiaryId: string; orientationId: string; proposedTrack: string; reason: string; requestedBy: string; requestedOn: string }): Promise<void> {
    await this.em.execute(
      `insert into beneficiaries.reorientation_request (id, department_code, beneficiary_id, orientation_id, proposed_track, reason, status, requested_by, requested_on)
       values (?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?)`,
      [r.id, r.departmentCode, r.beneficiaryId, r.orientationId, r.proposedTrack, r.reason, r.requestedBy, r.requestedOn],
    );
  }

  /** Closes a waiting request (accepted, refused, withdrawn): the number of rows changed (0 when it was no longer waiting). */
  async closeRequest(
    departmentCode: string,
    id: string,
    change: { status: ReorientationStatus; decidedBy: string; decidedOn: string; decisionReason: string | null; resultingOrientationId: string | null },
  ): Promise<number> {
    const rows = await this.em.execute<{ id: string }[]>(
      `update beneficiaries.reorientation_request set status = ?, decided_by = ?, decided_on = ?, decision_reason = ?, resulting_orientation_id = ?
        where department_code = ? and id = ? and status = 'REQUESTED' returning id`,
      [change.status, change.decidedBy, change.decidedOn, change.decisionReason, change.resultingOrientationId, departmentCode, id],
    );
    return rows.length;
  }

  /**
   * Requests the caller reaches (`reach`, a condition on `r`, `b` and the person's accompaniments),
   * of some statuses, the longest waiting first (keyset on request day and id).
   */
  requests(departmentCode: string, reach: Condition, statuses: readonly ReorientationStatus[] | null, first: number, after: { requestedOn: string; id: string } | null): Promise<ReorientationRequestRecord[]> {
    const where = ['r.department_code = ?', reach.sql];
    const params: unknown[] = [departmentCode, ...reach.params];
    if (statuses) {
      where.push('r.status in (?)');
      params.push([...statuses]);
    }
    if (after) {
      where.push('(r.requested_on, r.id) > (?::date, ?::uuid)');
      params.push(after.requestedOn, after.id);
    }
    return this.em.execute(
      `select ${REQUEST_COLUMNS} from beneficiaries.reorientation_request r join beneficiaries.beneficiary b on b.id = r.beneficiary_id
        where ${where.join(' and ')} order by r.requested_on, r.id limit ?`,
      [...params, first + 1],
    );
  }
}
