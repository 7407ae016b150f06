import type { AppointmentRecord } from '../appointment/appointment.repository.js';
import type { ReferralRecord } from '../referral/referral.repository.js';
import { ReferralStatus, TimelineEventKind, type AppointmentKind, type AppointmentStatus, type ExitReason, type ExitSubReason } from './accompaniment.enums.js';
import type { AccompanimentRecord } from './accompaniment.record.js';

export interface TimelineEvent {
  date: string;
  kind: TimelineEventKind;
  label: string;
  appointmentKind: AppointmentKind | null;
  appointmentStatus: AppointmentStatus | null;
  referralId: string | null;
  referralStatus: ReferralStatus | null;
  exitReason: ExitReason | null;
  exitSubReason: ExitSubReason | null;
}

const NONE = { appointmentKind: null, appointmentStatus: null, referralId: null, referralStatus: null, exitReason: null, exitSubReason: null };

/** The dated events of an accompaniment, in order (milestones first on a given day). */
export function timelineOf(a: AccompanimentRecord, appointments: AppointmentRecord[], referrals: ReferralRecord[]): TimelineEvent[] {
  const events: TimelineEvent[] = [{ ...NONE, date: a.prescribedOn, kind: TimelineEventKind.PRESCRIBED, label: 'Prescription' }];
  if (a.validatedOn) events.push({ ...NONE, date: a.validatedOn, kind: TimelineEventKind.VALIDATED, label: 'Orientation validated' });
  if (a.startedOn) events.push({ ...NONE, date: a.startedOn, kind: TimelineEventKind.STARTED, label: 'First interview held' });
  for (const ap of appointments) {
    events.push({ ...NONE, date: ap.scheduledOn, kind: TimelineEventKind.APPOINTMENT, label: `${ap.kind} ${ap.status}`, appointmentKind: ap.kind, appointmentStatus: ap.status });
  }
  for (const r of referrals) {
    const referral = (date: string, status: ReferralStatus): TimelineEvent => ({ ...NONE, date, kind: TimelineEventKind.REFERRAL, label: `Referral ${status}`, referralId: r.id, referralStatus: status });
    events.push(referral(r.sentOn, ReferralStatus.SENT));
    if (r.answeredOn) events.push(referral(r.answeredOn, r.status === ReferralStatus.REFUSED ? ReferralStatus.REFUSED : ReferralStatus.ACCEPTED));
    if (r.closedOn) events.push(referral(r.closedOn, r.status));
  }
  if (a.finalReviewOn) events.push({ ...NONE, date: a.finalReviewOn, kind: TimelineEventKind.FINAL_REVIEW, label: 'Final review held' });
  if (a.endedOn) {
    const label = `Exit ${a.exitReason ?? ''}${a.exitSubReason ? ` (${a.exitSubReason})` : ''}`.trim();
    events.push({ ...NONE, date: a.endedOn, kind: TimelineEventKind.EXIT, label, exitReason: a.exitReason, exitSubReason: a.exitSubReason });
  }
  return events.map((e, i) => ({ e, i })).sort((x, y) => (x.e.date < y.e.date ? -1 : x.e.date > y.e.date ? 1 : x.i - y.i)).map((x) => x.e);
}
