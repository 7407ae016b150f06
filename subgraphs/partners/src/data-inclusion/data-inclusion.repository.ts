import type { EntityManager } from '@mikro-orm/postgresql';
import { serviceFields, structureFields, type FieldMapping } from './mapping.js';

const recordsetColumns = (fields: FieldMapping[]): string => fields.map((f) => `${f.field} ${f.type}`).join(', ');

/**
 * Bulk writes and reads in the data·inclusion shape. Records travel as one JSON parameter and are
 * upserted by (Département, source, id), so importing the same file twice changes nothing.
 */
export class DataInclusionRepository {
  constructor(private readonly em: EntityManager) {}

  /** Communes among `codes` that exist in the reference geography. */
  async knownCommunes(codes: readonly string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows: { code: string }[] = await this.em.execute('select code from ref.commune where code in (?)', [[...codes]]);
    return new Set(rows.map((r) => r.code));
  }

  /** `source\u001fid` of the structures already listed in the Département among the given keys. */
  async existingStructures(departmentCode: string, keys: { source: string; id: string }[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { key: string }[] = await this.em.execute(
      `select p.source || chr(31) || p.source_id as key from partners.partner p
         join jsonb_to_recordset(?::jsonb) as k(source text, id text) on k.source = p.source and k.id = p.source_id
        where p.department_code = ?`,
      [JSON.stringify(keys), departmentCode],
    );
    return new Set(rows.map((r) => r.key));
  }

  async upsertStructures(departmentCode: string, records: (Record<string, unknown> & { kind: string })[]): Promise<{ id: string; inserted: boolean }[]> {
    if (records.length === 0) return [];
    const columns = structureFields.map((f) => f.column);
    const values = structureFields.map((f) => (f.field === 'date_maj' ? `coalesce(r.${f.field}, current_date)` : `r.${f.field}`));
    return this.em.execute(
      `insert into partners.partner (id, department_code, kind, ${columns.join(', ')})
       select gen_random_uuid(), ?, r.kind, ${values.join(', ')}
         from jsonb_to_recordset(?::jsonb) as r(kind text, ${recordsetColumns(structureFields)})
       on conflict (department_code, source, source_id) do update set
         ${columns.filter((c) => c !== 'source' && c !== 'source_id').map((c) => `${c} = excluded.${c}`).join(', ')},
         archived_at = null, updated_at = now()
       returning id, (xmax = 0) as inserted`,
      [departmentCode, JSON.stringify(records)],
    );
  }

  async upsertServices(departmentCode: string, records: Record<string, unknown>[]): Promise<{ id: string; inserted: boolean }[]> {
    if (records.length === 0) return [];
    const columns = serviceFields.map((f) => f.column);
    const values = serviceFields.map((f) =>
      f.field === 'date_maj' ? `coalesce(r.${f.field}, current_date)` : f.field === 'thematiques' ? `coalesce(r.${f.field}, '{}')` : `r.${f.field}`,
    );
    return this.em.execute(
      `insert into partners.service (id, department_code, partner_id, ${columns.join(', ')})
       select gen_random_uuid(), p.department_code, p.id, ${values.join(', ')}
         from jsonb_to_recordset(?::jsonb) as r(structure_id text, ${recordsetColumns(serviceFields)})
         join partners.partner p on p.department_code = ? and p.source = r.source and p.source_id = r.structure_id
       on conflict (department_code, source, source_id) do update set
         partner_id = excluded.partner_id,
         ${columns.filter((c) => c !== 'source' && c !== 'source_id').map((c) => `${c} = excluded.${c}`).join(', ')},
         archived_at = null, updated_at = now()
       returning id, (xmax = 0) as inserted`,
      [JSON.stringify(records), departmentCode],
    );
  }

  serviceIdsOfPartners(departmentCode: string, partnerIds: readonly string[]): Promise<{ id: string }[]> {
    if (partnerIds.length === 0) return Promise.resolve([]);
    return this.em.execute('select id from partners.service where department_code = ? and partner_id in (?)', [departmentCode, [...partnerIds]]);
  }

  /** Live structures of the Département as data·inclusion records (every field, null when absent). */
  exportStructures(departmentCode: string): Promise<Record<string, unknown>[]> {
    const fields = structureFields.map((f) => this.exported(f, 'p')).join(', ');
    return this.em.execute(
      `select ${fields} from partners.partner p where p.department_code = ? and p.archived_at is null order by p.source, coalesce(p.source_id, p.id::text)`,
      [departmentCode],
    );
  }

  /** Live services of live structures of the Département as data·inclusion records. */
  exportServices(departmentCode: string): Promise<Record<string, unknown>[]> {
    const fields = serviceFields.map((f) => this.exported(f, 's')).join(', ');
    return this.em.execute(
      `select ${fields}, coalesce(p.source_id, p.id::text) as structure_id
         from partners.service s join partners.partner p on p.id = s.partner_id
        where s.department_code = ? and s.archived_at is null and p.archived_at is null
        order by s.source, coalesce(s.source_id, s.id::text)`,
      [departmentCode],
    );
  }

  private exported(f: FieldMapping, alias: string): string {
    const column = `${alias}.${f.column}`;
    if (f.field === 'id') return `coalesce(${column}, ${alias}.id::text) as id`;
    if (f.type === 'date') return `to_char(${column}, 'YYYY-MM-DD') as ${f.field}`;
    if (f.field === 'thematiques') return `case when cardinality(${column}) = 0 then null else ${column} end as ${f.field}`;
    if (f.type === 'float8') return `${column}::float8 as ${f.field}`;
    return `${column} as ${f.field}`;
  }
}
