import type pg from 'pg';
import { SeededRandom } from './random.js';

/** A person's identifying fields, as the beneficiaries subgraph stores them (encrypted). */
export interface DemoIdentity {
  firstName: string;
  lastName: string;
  birthDate: string;
  cafNumber: string | null;
}

/** How the beneficiaries subgraph seals identities (its own cipher and key): the seed never sees the key. */
export type SealIdentity = (identity: DemoIdentity) => { ciphertext: Buffer; digest: string; nameIndex: string[] };

// Frequent French given names and surnames, drawn at random into pairs: synthetic people, no real person.
const FIRST_NAMES = {
  F: ['Nathalie', 'Isabelle', 'Sandrine', 'Sophie', 'Céline', 'Aurélie', 'Émilie', 'Julie', 'Laetitia', 'Stéphanie', 'Virginie', 'Karine', 'Amandine', 'Jessica', 'Mélanie', 'Sarah', 'Fatima', 'Nadia', 'Christine', 'Martine'],
  M: ['David', 'Sébastien', 'Nicolas', 'Christophe', 'Frédéric', 'Julien', 'Laurent', 'Stéphane', 'Olivier', 'Jérôme', 'Mickaël', 'Anthony', 'Kévin', 'Thierry', 'Pascal', 'Karim', 'Mohamed', 'Patrick', 'Didier', 'Franck'],
} as const;
const LAST_NAMES = ['Lefebvre', 'Dubois', 'Leroy', 'Lemaire', 'Dufour', 'Delattre', 'Caron', 'Lecomte', 'Dumont', 'Fontaine', 'Roussel', 'Poulain', 'Carpentier', 'Deprez', 'Lambert', 'Bonnet', 'Moreau', 'Girard', 'Faure', 'Mercier', 'Blanchard', 'Guerin', 'Boyer', 'Garnier', 'Chevalier', 'Perrin', 'Marchand', 'Benali', 'Haddad', 'Da Silva'];

/**
 * Gives every demo person without one a synthetic identity (name, birth date in their birth year,
 * CAF number), sealed by the beneficiaries subgraph's cipher: référents of the demo then see names
 * in their caseload, decrypted and audited like real ones. Deterministic per person.
 */
export async function seedIdentities(client: pg.ClientBase, seal: SealIdentity): Promise<{ identities: number }> {
  const { rows } = await client.query<{ id: string; department_code: string; sex: string; birth_year: number }>(
    `select b.id, b.department_code, b.sex, b.birth_year from beneficiaries.beneficiary b
      where not exists (select 1 from beneficiaries.beneficiary_identity i where i.beneficiary_id = b.id) order by b.id`,
  );
  const sealed = rows.map((person) => {
    const random = new SeededRandom(parseInt(person.id.replaceAll('-', '').slice(0, 8), 16) ^ 0x5eed);
    const month = random.int(1, 12);
    const day = random.int(1, 28);
    const identity: DemoIdentity = {
      firstName: random.pick(person.sex === 'M' ? FIRST_NAMES.M : FIRST_NAMES.F),
      lastName: random.pick(LAST_NAMES),
      birthDate: `${person.birth_year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      cafNumber: random.chance(0.9) ? String(random.int(1_000_000, 9_999_999)) : null,
    };
    const { ciphertext, digest, nameIndex } = seal(identity);
    return [person.id, person.department_code, ciphertext, digest, `{${nameIndex.join(',')}}`];
  });
  if (sealed.length > 0) {
    // The name index is an array per row: sent as array literals, cast row by row (unnest would flatten a text[][]).
    const column = (i: number): unknown[] => sealed.map((r) => r[i]);
    await client.query(
      `insert into beneficiaries.beneficiary_identity (beneficiary_id, department_code, ciphertext, digest, name_index)
       select id, department_code, ciphertext, digest, name_index::text[]
         from unnest($1::uuid[], $2::text[], $3::bytea[], $4::text[], $5::text[]) as t(id, department_code, ciphertext, digest, name_index)`,
      [column(0), column(1), column(2), column(3), column(4)],
    );
  }
  return { identities: sealed.length };
}
