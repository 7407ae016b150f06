import type pg from 'pg';
import { demoId, idOf } from './ids.js';
import { partners, permanences, services, type DemoZone } from './partners.catalogue.js';
import { insertRows } from './sql.js';

const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

/**
 * Minutes of the week when open, for the catalogue's simple hours (`Mo-Fr 09:00-12:00,14:00-17:00`)
 * only: the subgraph recomputes them with the full OSM parser on every write.
 */
export function simpleOpenWeek(hours: string | undefined): string | null {
  const match = hours ? /^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))? ((?:\d\d:\d\d-\d\d:\d\d,?)+)$/.exec(hours) : null;
  if (!match) return null;
  const from = DAYS.indexOf(match[1]!);
  const to = match[2] ? DAYS.indexOf(match[2]) : from;
  const minute = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const ranges: string[] = [];
  for (let day = from; day <= to; day++) {
    for (const span of match[3]!.split(',')) {
      const [start, end] = span.split('-') as [string, string];
      ranges.push(`[${day * 1440 + minute(start)},${day * 1440 + minute(end)})`);
    }
  }
  return `{${ranges.join(',')}}`;
}

/**
 * Like `insertRows`, with a cast per column: list columns travel as PostgreSQL array literals (text)
 * because unnest() would flatten arrays of arrays, and text turns into text[] only explicitly.
 */
async function insertCast(client: pg.ClientBase, table: string, columns: [string, string, string?][], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((_, i) => rows.map((r) => r[i]));
  const params = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const names = columns.map(([name]) => name);
  const selected = columns.map(([name, , cast]) => (cast ? `t.${name}::${cast}` : `t.${name}`)).join(', ');
  await client.query(`insert into ${table} (${names.join(', ')}) select ${selected} from unnest(${params}) as t(${names.join(', ')})`, arrays);
}

async function zoneCodes(client: pg.ClientBase, zone: DemoZone): Promise<string[]> {
  if ('codes' in zone) return zone.codes;
  const result = await client.query<{ code: string }>('select commune_code as code from ref.territory_commune where territory_id = $1 order by commune_code', [zone.territory]);
  if (result.rows.length === 0) throw new Error(`Demo territory ${zone.territory} has no communes`);
  return result.rows.map((r) => r.code);
}

/** The partner structures of the sources, their services with capacity, and permanences. */
export async function seedPartners(client: pg.ClientBase): Promise<{ partners: number }> {
  const byKey = new Map(partners.map((p) => [p.key, p]));
  await insertCast(
    client,
    'partners.partner',
    [
      ['id', 'uuid'],
      ['department_code', 'text'],
      ['name', 'text'],
      ['kind', 'text'],
      ['commune_code', 'text'],
      ['opening_hours', 'text'],
      ['networks', 'text', 'text[]'],
      ['sign_language', 'boolean'],
      ['step_free_access', 'boolean'],
      ['source', 'text'],
      ['source_id', 'text'],
    ],
    partners.map((p) => [
      idOf.partner(p.key),
      p.departmentCode,
      p.name,
      p.kind,
      p.communeCode,
      p.hours ?? null,
      p.networks ? `{${p.networks.join(',')}}` : null,
      p.signLanguage ?? false,
      p.stepFreeAccess ?? null,
      `passerelles-${p.departmentCode}`,
      p.key,
    ]),
  );
  const literal = (values: string[]): string => `{${values.join(',')}}`;
  const rows: unknown[][] = [];
  for (const s of services) {
    const partner = byKey.get(s.partnerKey);
    if (!partner) throw new Error(`Demo service ${s.key} names an unknown partner ${s.partnerKey}`);
    rows.push([
      demoId(`service:${s.key}`),
      partner.departmentCode,
      idOf.partner(partner.key),
      `passerelles-${partner.departmentCode}`,
      s.key,
      s.name,
      s.description,
      s.type,
      literal(s.themes),
      literal(s.publics),
      s.fee,
      literal(s.modes),
      literal(await zoneCodes(client, s.zone)),
      s.fte ?? null,
      s.places ?? null,
      s.waitingDays ?? null,
      s.fte !== undefined || s.places !== undefined || s.waitingDays !== undefined ? new Date().toISOString() : null,
      simpleOpenWeek(partner.hours),
    ]);
  }
  await insertCast(
    client,
    'partners.service',
    [
      ['id', 'uuid'],
      ['department_code', 'text'],
      ['partner_id', 'uuid'],
      ['source', 'text'],
      ['source_id', 'text'],
      ['name', 'text'],
      ['description', 'text'],
      ['type', 'text'],
      ['themes', 'text', 'text[]'],
      ['publics', 'text', 'text[]'],
      ['fee', 'text'],
      ['reception_modes', 'text', 'text[]'],
      ['eligibility_zone', 'text', 'text[]'],
      ['capacity_fte', 'numeric'],
      ['capacity_places', 'int'],
      ['capacity_waiting_days', 'int'],
      ['capacity_updated_at', 'timestamptz'],
      ['open_week', 'text', 'int4multirange'],
    ],
    rows,
  );
  // The same derivation as the subgraph's repository: search text and point (commune centroid).
  await client.query(
    `update partners.service s
        set search_text = concat_ws(' ', s.name, p.name, s.description),
            geo_latitude = coalesce(s.latitude, p.latitude, c.latitude),
            geo_longitude = coalesce(s.longitude, p.longitude, c.longitude)
       from partners.partner p, ref.commune c
      where p.id = s.partner_id and c.code = coalesce(s.commune_code, p.commune_code)`,
  );
  // The vocabulary typo correction reads (see the subgraph's search).
  await client.query(
    `insert into partners.search_word (department_code, word)
     select distinct s.department_code, w from partners.service s, regexp_split_to_table(s.search_norm, '[^a-z0-9]+') w
      where length(w) >= 3 on conflict do nothing`,
  );
  await insertRows(
    client,
    'partners.permanence',
    ['id', 'department_code', 'service_id', 'place_name', 'commune_code', 'opening_hours', 'notes'],
    ['uuid', 'text', 'uuid', 'text', 'text', 'text', 'text'],
    permanences.map((p) => [demoId(`permanence:${p.key}`), p.communeCode.slice(0, 2), demoId(`service:${p.serviceKey}`), p.placeName, p.communeCode, p.hours, p.notes ?? null]),
  );
  return { partners: partners.length };
}
