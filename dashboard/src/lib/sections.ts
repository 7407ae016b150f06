// The dashboard's sections and the roles that may open each: the navigation shows only these,
// and each section's server load refuses the others (the gateway's services decide the data).
import type { UserRole } from './graphql/operations.ts';
import { ROLES } from './labels.ts';

/** The API's role enumeration (generated from the served schema, whose source is the kit's `roles`). */
export type Role = UserRole;

export interface Section {
  /** Path of the section's page. */
  readonly path: `/${string}`;
  /** Label in the navigation (French). */
  readonly label: string;
  readonly roles: readonly Role[];
}

/** Every role, from the complete map of their French names. */
const ALL = Object.keys(ROLES) as readonly Role[];

export const SECTIONS = [
  { path: '/pilotage', label: 'Pilotage', roles: ALL },
  { path: '/couverture', label: 'Couverture', roles: ALL },
  { path: '/annuaire', label: 'Annuaire', roles: ALL },
  { path: '/parcours', label: 'Parcours', roles: ['REFERENT', 'PRESCRIBER', 'OPERATOR', 'ADMIN'] },
  { path: '/orientations', label: 'Orientations reçues', roles: ['OPERATOR', 'ADMIN'] },
  { path: '/reorientations', label: 'Réorientations', roles: ['ADMIN'] },
  { path: '/conventions', label: 'Conventions & financements', roles: ['ADMIN', 'OPERATOR', 'STEERING'] },
  { path: '/administration', label: 'Administration', roles: ['ADMIN'] },
] as const satisfies readonly Section[];

export type SectionPath = (typeof SECTIONS)[number]['path'];

/** The sections a role may open, in navigation order. */
export function sectionsFor(role: Role): (typeof SECTIONS)[number][] {
  return SECTIONS.filter((section) => (section.roles as readonly Role[]).includes(role));
}

/** Whether a role may open a section. */
export function maySee(role: Role, path: SectionPath): boolean {
  return sectionsFor(role).some((section) => section.path === path);
}
