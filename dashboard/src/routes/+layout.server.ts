import departmentNames from 'virtual:passerelles-department-names';
import { ROLE_LABELS } from '#lib/server/session.ts';
import type { LayoutServerLoad } from './$types';

/** Who is signed in, for the header: name, role and Département (« Pas-de-Calais (62) »). */
export const load: LayoutServerLoad = ({ locals }) => ({
  user: locals.user
    ? {
        displayName: locals.user.displayName,
        role: locals.user.role,
        roleLabel: ROLE_LABELS[locals.user.role],
        departmentCode: locals.user.departmentCode,
        departmentName: departmentNames[locals.user.departmentCode] ?? null,
      }
    : null,
});
