import pg from 'pg';
import { readReferenceData } from './sources.js';

const DATASET = 'geography';

export interface ReferenceLoadResult {
  loaded: boolean;
  communes: number;
  territories: number;
}

/**
 * Loads the reference geography into `ref` when its sources changed since the last load (or on an
 * empty database). The whole replacement is one transaction: readers never see a half-loaded `ref`.
 */
export async function loadReferenceData(databaseUrl: string): Promise<ReferenceLoadResult> {
  const data = readReferenceData();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const current = await client.query<{ checksum: string }>('select checksum from ref.dataset where name = $1', [DATASET]);
    if (current.rows[0]?.checksum === data.checksum) {
      return { loaded: false, communes: data.communes.length, territories: data.territories.length };
    }
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', ['passerelles.ref.load']);
    await client.query('delete from ref.territory_commune');
    await client.query('delete from ref.territory');
    await client.query('delete from ref.commune');
    await client.query('delete from ref.epci');
    await client.query('delete from ref.department');
    await client.query(
      `insert into ref.department (code, name, region_code, chef_lieu_code)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [
        data.departments.map((d) => d.code),
        data.departments.map((d) => d.name),
        data.departments.map((d) => d.regionCode),
        data.departments.map((d) => d.chefLieuCode),
      ],
    );
    await client.query(
      `insert into ref.epci (code, name, kind, population)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::int[])`,
      [data.epcis.map((e) => e.code), data.epcis.map((e) => e.name), data.epcis.map((e) => e.kind), data.epcis.map((e) => e.population)],
    );
    await client.query(
      `insert into ref.commune (code, name, department_code, epci_code, population, latitude, longitude)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::float8[], $7::float8[])`,
      [
        data.communes.map((c) => c.code),
        data.communes.map((c) => c.name),
        data.communes.map((c) => c.departmentCode),
        data.communes.map((c) => c.epciCode),
        data.communes.map((c) => c.population),
        data.communes.map((c) => c.latitude),
        data.communes.map((c) => c.longitude),
      ],
    );
    await client.query(
      `insert into ref.territory (id, department_code, name, kind, source)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      [
        data.territories.map((t) => t.id),
        data.territories.map((t) => t.departmentCode),
        data.territories.map((t) => t.name),
        data.territories.map((t) => t.kind),
        data.territories.map((t) => t.source),
      ],
    );
    const links = data.territories.flatMap((t) => t.communeCodes.map((c) => [t.departmentCode, t.id, c] as const));
    await client.query(
      `insert into ref.territory_commune (department_code, territory_id, commune_code)
       select * from unnest($1::text[], $2::text[], $3::text[])`,
      [links.map((l) => l[0]), links.map((l) => l[1]), links.map((l) => l[2])],
    );
    await client.query(
      `insert into ref.dataset (name, checksum, row_count) values ($1, $2, $3)
       on conflict (name) do update set checksum = excluded.checksum, row_count = excluded.row_count, loaded_at = now()`,
      [DATASET, data.checksum, data.communes.length],
    );
    await client.query('commit');
    return { loaded: true, communes: data.communes.length, territories: data.territories.length };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
