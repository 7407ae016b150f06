import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceDir } from '../paths.js';
import { cogCurrentCommunes, readReferenceData } from './sources.js';
import { loadReferenceData } from './load.js';

const url = process.env.TEST_DATABASE_URL;
const client = new pg.Client({ connectionString: url });

beforeAll(async () => {
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await client.query<{ n: string }>(sql, params)).rows[0]?.n);

describe('reference geography', () => {
  it('holds every current commune, EPCI and département of the COG package', async () => {
    const cog = cogCurrentCommunes();
    expect(cog.length).toBeGreaterThan(34_000);
    expect(await count('select count(*) as n from ref.commune')).toBe(cog.length);
    expect(await count('select count(*) as n from ref.department')).toBe(109);
    expect(await count(`select count(*) as n from ref.commune where code = '62041' and name = 'Arras' and department_code = '62'`)).toBe(1);
    expect(await count(`select count(*) as n from ref.commune where code = '25056' and epci_code = '242500361'`)).toBe(1);
  });

  it('has a centroid for every commune drawn in the boundary files, inside its département', async () => {
    const row = (
      await client.query<{ lat: number; lon: number }>(`select latitude as lat, longitude as lon from ref.commune where code = '25056'`)
    ).rows[0];
    // Besançon: 47.24 N, 6.02 E.
    expect(row?.lat).toBeCloseTo(47.24, 1);
    expect(row?.lon).toBeCloseTo(6.0, 1);
    for (const dep of ['25', '62', '86', '09', '67']) {
      expect(await count('select count(*) as n from ref.commune where department_code = $1 and latitude is null', [dep])).toBe(0);
    }
  });

  it('loads the territory files: every territory commune exists, and each Département is covered exactly once', async () => {
    const files = readdirSync(join(referenceDir, 'territories')).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(['25.json', '62.json']);
    for (const file of files) {
      const spec = JSON.parse(readFileSync(join(referenceDir, 'territories', file), 'utf8')) as {
        department: string;
        source: string;
        territories: { id: string; communes: string[] }[];
      };
      expect(spec.source.length).toBeGreaterThan(50);
      const codes = spec.territories.flatMap((t) => t.communes);
      expect(new Set(codes).size).toBe(codes.length);
      expect(await count(`select count(*) as n from ref.commune where code = any($1) and department_code = $2`, [codes, spec.department])).toBe(codes.length);
      expect(await count('select count(*) as n from ref.commune where department_code = $1', [spec.department])).toBe(codes.length);
    }
    expect(await count(`select count(*) as n from ref.territory where department_code = '62' and kind = 'SLAI'`)).toBe(9);
    expect(await count(`select count(*) as n from ref.territory where department_code = '25' and kind = 'SECTEUR'`)).toBe(4);
    expect(await count(`select count(*) as n from ref.territory_commune where territory_id = '62-henin-carvin'`)).toBe(14);
  });

  it('does not reload unchanged sources', async () => {
    const before = (await client.query<{ loaded_at: Date }>(`select loaded_at from ref.dataset where name = 'geography'`)).rows[0]?.loaded_at;
    const result = await loadReferenceData(url!);
    expect(result.loaded).toBe(false);
    const after = (await client.query<{ loaded_at: Date }>(`select loaded_at from ref.dataset where name = 'geography'`)).rows[0]?.loaded_at;
    expect(after?.getTime()).toBe(before?.getTime());
    expect(readReferenceData().checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});
