import type { MikroORM } from '@mikro-orm/postgresql';
import { decryptIdentity, nameIndex } from './identity.cipher.js';

const BATCH = 1000;

/**
 * Computes the blind name index of identities written before it existed (or by a tool that did not
 * compute it), a thousand at a time, once at start-up: SQL cannot, it needs the key. The names are
 * decrypted in memory only to derive the index, by the service itself for no user: nothing is
 * shown, so nothing is written to the access log.
 */
export async function backfillNameIndex(orm: MikroORM, log: (line: string) => void): Promise<number> {
  const em = orm.em.fork();
  let total = 0;
  for (;;) {
    const rows = await em.execute<{ beneficiaryId: string; ciphertext: Buffer }[]>(
      `select beneficiary_id as "beneficiaryId", ciphertext from beneficiaries.beneficiary_identity where name_index is null order by beneficiary_id limit ?`,
      [BATCH],
    );
    if (rows.length === 0) break;
    const values = rows.map((r) => ({ id: r.beneficiaryId, name_index: nameIndex(decryptIdentity(r.ciphertext)) }));
    await em.execute(
      `update beneficiaries.beneficiary_identity i set name_index = r.name_index
         from jsonb_to_recordset(?::jsonb) as r(id uuid, name_index text[]) where i.beneficiary_id = r.id`,
      [JSON.stringify(values)],
    );
    total += rows.length;
  }
  if (total > 0) log(`[beneficiaries] blind name index computed for ${total} identities`);
  return total;
}
