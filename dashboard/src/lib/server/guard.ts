// Server-side checks shared by the sections' loads.
import { error } from '@sveltejs/kit';
import { maySee, type SectionPath } from '../sections.ts';
import type { SessionUser } from './session.ts';

/** The signed-in user, if their role may open the section; otherwise a French 403. */
export function requireSection(user: SessionUser | null, path: SectionPath): SessionUser {
  if (!user) error(401, 'Connectez-vous pour accéder à cette page.');
  if (!maySee(user.role, path)) error(403, "Votre rôle ne donne pas accès à cette partie de Passerelles.");
  return user;
}
