import type { AppointmentRecord } from '../appointment/appointment.repository.js';
import type { ReferralRecord } from '../referral/referral.repository.js';
import type { AccompanimentRecord } from './accompaniment.record.js';

export interface TimelineEvent {
  date: string;
  kind: string;
  label: string;
}

/** The dated events of an accompaniment, in order (milestones first on a given day). */
export function timelineOf(a: AccompanimentRecord, appointments: AppointmentRecord[], referrals: ReferralRecord[]): TimelineEvent[] {
  const events: TimelineEvent[] = [{ date: a.prescribedOn, kind: 'PRESCRIBED', label: 'Prescription' }];
  if (a.validatedOn) events.push({ date: a.validatedOn, kind: 'VALIDATED', label: 'Orientation validated' });
  if (a.startedOn) events.push({ date: a.startedOn, kind: 'STARTED', label: 'First interview held' });
  for (const ap of appointments) events.push({ date: ap.scheduledOn, kind: 'APPOINTMENT', label: `${ap.kind} ${ap.status}` });
  for (const r of referrals) {
    events.push({ date: r.sentOn, kind: 'REFERRAL', label: 'Referral SENT' });
    if (r.answeredOn) events.push({ date: r.answeredOn, kind: 'REFERRAL', label: `Referral ${r.status === 'REFUSED' ? 'REFUSED' : 'ACCEPTED'}` });
    if (r.closedOn) events.push({ date: r.closedOn, kind: 'REFERRAL', label: `Referral ${r.status}` });
  }
  if (a.finalReviewOn) events.push({ date: a.finalReviewOn, kind: 'FINAL_REVIEW', label: 'Final review held' });
  if (a.endedOn) events.push({ date: a.endedOn, kind: 'EXIT', label: `Exit ${a.exitReason ?? ''}${a.exitSubReason ? ` (${a.exitSubReason})` : ''}`.trim() });
  return events.map((e, i) => ({ e, i })).sort((x, y) => (x.e.date < y.e.date ? -1 : x.e.date > y.e.date ? 1 : x.i - y.i)).map((x) => x.e);
}
