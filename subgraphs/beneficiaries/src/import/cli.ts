import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openOrm } from '@passerelles/db';
import type { MikroORM } from '@mikro-orm/postgresql';
import { LoaderRegistry } from '@passerelles/subgraph-kit';
import { readImportEnv } from '../env.js';
import { configureIdentityKey } from '../identity/identity.cipher.js';
import { beneficiariesSubgraph } from '../subgraph.js';
import { decodeExport } from './import.format.js';
import { importBeneficiaries } from './import.service.js';
import type { ImportReport } from './import.type.js';

/**
 * `npm run import -w @passerelles/beneficiaries -- --department 62 --file export.csv [--dry-run] [--user name]`
 * Imports a Département's export as an administrator would through the mutation (same rules, same
 * report, audited under `cli:<user>`). Exit code 0 when written (or valid in a dry run), 1 when rejected.
 */
const { values } = parseArgs({
  options: { department: { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, user: { type: 'string', default: 'import' } },
});
if (!values.department || !values.file) {
  console.error('usage: import --department <code> --file <export.csv> [--dry-run] [--user <name>]');
  process.exit(2);
}
const env = readImportEnv();
configureIdentityKey(env.encryptionKey);
const orm = (await openOrm({ clientUrl: env.databaseUrl, schema: 'beneficiaries', entities: beneficiariesSubgraph.entities })) as MikroORM;
let report: ImportReport;
try {
  const csv = decodeExport(await readFile(values.file));
  report = await importBeneficiaries(
    {
      caller: { userId: `cli:${values.user}`, role: 'ADMIN', departmentCode: values.department, territoryIds: [], partnerId: null },
      correlationId: randomUUID(),
      em: orm.em.fork(),
      loaders: new LoaderRegistry(),
    },
    csv,
    values['dry-run'],
  );
} finally {
  await orm.close(true);
}
console.log(JSON.stringify(report, null, 2));
// Exit explicitly: an idle pool timer must not keep the command alive, nor hide the rejection code.
process.exit(report.ok ? 0 : 1);
