/**
 * The demo accounts, one per role, printed by `npm start`. Their password is public: they exist
 * only in the demo seed, never in a real deployment (which starts with SEED_DEMO=0 and invites
 * its users).
 */
export const DEMO_PASSWORD = 'demo-passerelles-2026';

export interface DemoUser {
  email: string;
  displayName: string;
  role: 'ADMIN' | 'STEERING' | 'REFERENT' | 'OPERATOR' | 'PRESCRIBER';
  departmentCode: string;
  territoryIds: string[];
  /** Key of the partner (partners.catalogue.ts) an OPERATOR works for. */
  partner?: string;
}

export const demoUsers: DemoUser[] = [
  { email: 'admin.62@demo.passerelles.fr', displayName: 'Administration Pas-de-Calais', role: 'ADMIN', departmentCode: '62', territoryIds: [] },
  { email: 'pilotage.62@demo.passerelles.fr', displayName: 'Comité de pilotage Pas-de-Calais', role: 'STEERING', departmentCode: '62', territoryIds: [] },
  { email: 'referent.62@demo.passerelles.fr', displayName: 'Référente santé Arrageois', role: 'REFERENT', departmentCode: '62', territoryIds: ['62-arrageois'] },
  { email: 'operateur.62@demo.passerelles.fr', displayName: 'Croix-Rouge Pas-de-Calais', role: 'OPERATOR', departmentCode: '62', territoryIds: [], partner: 'croix-rouge-62' },
  { email: 'prescripteur.62@demo.passerelles.fr', displayName: 'Travailleur social Arrageois', role: 'PRESCRIBER', departmentCode: '62', territoryIds: ['62-arrageois'] },
  { email: 'admin.25@demo.passerelles.fr', displayName: 'Administration Doubs', role: 'ADMIN', departmentCode: '25', territoryIds: [] },
  { email: 'operateur.25@demo.passerelles.fr', displayName: 'Croix-Rouge Doubs', role: 'OPERATOR', departmentCode: '25', territoryIds: [], partner: 'croix-rouge-25' },
];
