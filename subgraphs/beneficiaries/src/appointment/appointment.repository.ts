import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppointmentKind, AppointmentStatus } from '../accompaniment/accompaniment.enums.js';

export interface AppointmentRecord {
  id: string;
  accompanimentId: string;
  kind: AppointmentKind;
  scheduledOn: string;
  status: AppointmentStatus;
}

const COLUMNS = `id, accompaniment_id as "accompanimentId", kind, scheduled_on::text as "scheduledOn", status`;

export class AppointmentRepository {
  constructor(private readonly em: EntityManager) {}

  byAccompaniments(departmentCode: string, accompanimentIds: readonly string[]): Promise<AppointmentRecord[]> {
    return this.em.execute(
      `select ${COLUMNS} from beneficiaries.appointment where department_code = ? and accompaniment_id in (?) order by scheduled_on, created_at, id`,
      [departmentCode, [...accompanimentIds]],
    );
  }

  byId(departmentCode: string, id: string): Promise<AppointmentRecord | undefined> {
    return this.em.execute<AppointmentRecord[]>(`select ${COLUMNS} from beneficiaries.appointment where department_code = ? and id = ?`, [departmentCode, id]).then((r) => r[0]);
  }
}
