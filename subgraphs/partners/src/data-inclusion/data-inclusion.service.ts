import { assertCan, type SubgraphContext } from '@passerelles/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parseOpeningHours } from '../directory/hours.js';
import { refreshDerived } from '../directory/search.js';
import { DataInclusionRepository } from './data-inclusion.repository.js';
import { kindOfNetworks, serviceFields, structureFields } from './mapping.js';
import { problem, validateService, validateStructure, type Problem } from './validation.js';

export interface RecordError {
  recordType: 'STRUCTURE' | 'SERVICE';
  index: number;
  id: string | null;
  problems: Problem[];
}

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  structuresCreated: number;
  structuresUpdated: number;
  servicesCreated: number;
  servicesUpdated: number;
  errors: RecordError[];
}

type JsonRecord = Record<string, unknown>;

const keyOf = (source: unknown, id: unknown): string => `${String(source)}\u001f${String(id)}`;

function parseArray(text: string, recordType: RecordError['recordType']): { records: unknown[]; error: RecordError | null } {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value)) return { records: value, error: null };
  } catch {
    // reported below
  }
  const message = 'The document is not a JSON array of records.';
  return { records: [], error: { recordType, index: -1, id: null, problems: [{ field: '', path: '', code: 'NOT_AN_ARRAY', expected: null, value: null, message }] } };
}

/** Only the fields of the schema travel to the database; each mapped field gets null when absent. */
function pick(record: JsonRecord, fields: { field: string }[], extra: string[] = []): JsonRecord {
  return Object.fromEntries([...fields.map((f) => f.field), ...extra].map((name) => [name, record[name] ?? null]));
}

/** The commune must be in the reference geography, and the hours must parse (structures and services alike). */
function placeProblems(record: JsonRecord, known: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  if (typeof record.code_insee === 'string' && !known.has(record.code_insee)) {
    problems.push(problem('code_insee', 'UNKNOWN_COMMUNE', `${record.code_insee} is not a commune of the COG.`, record.code_insee));
  }
  if (typeof record.horaires_accueil === 'string') {
    const hours = parseOpeningHours(record.horaires_accueil);
    if (!hours.ok) problems.push(problem('horaires_accueil', 'INVALID_HOURS', hours.error, record.horaires_accueil));
  }
  return problems;
}

/**
 * Imports data·inclusion v1 structures and services into the caller's Département (ADMIN).
 * Every record is validated against the official JSON Schemas and against the reference
 * geography; one bad record and nothing is written, and the report names each bad record.
 * Upserts by (source, id): importing the same documents again changes nothing.
 */
export async function importDataInclusion(ctx: SubgraphContext, structuresJson: string, servicesJson: string, dryRun: boolean): Promise<ImportReport> {
  assertCan(ctx.caller, 'listing:import');
  const department = ctx.caller.departmentCode;
  const repository = new DataInclusionRepository(ctx.em);
  const errors: RecordError[] = [];
  const structures = parseArray(structuresJson, 'STRUCTURE');
  const services = parseArray(servicesJson, 'SERVICE');
  for (const e of [structures.error, services.error]) if (e) errors.push(e);

  const communeCodes = [...structures.records, ...services.records]
    .map((r) => (r && typeof r === 'object' ? (r as JsonRecord).code_insee : null))
    .filter((c): c is string => typeof c === 'string');
  const known = await repository.knownCommunes([...new Set(communeCodes)]);

  const structureKeys = new Set<string>();
  const goodStructures: (JsonRecord & { kind: string })[] = [];
  structures.records.forEach((raw, index) => {
    const record = (raw ?? {}) as JsonRecord;
    const problems = validateStructure(raw);
    if (problems.length === 0) {
      if (typeof record.code_insee !== 'string') problems.push(problem('code_insee', 'REQUIRED', 'is required by Passerelles (where the structure is).'));
      problems.push(...placeProblems(record, known));
      const key = keyOf(record.source, record.id);
      if (structureKeys.has(key)) problems.push(problem('id', 'DUPLICATE_ID', `${String(record.id)} appears twice.`, record.id));
      structureKeys.add(key);
    }
    if (problems.length > 0) errors.push({ recordType: 'STRUCTURE', index, id: typeof record.id === 'string' ? record.id : null, problems });
    else goodStructures.push({ ...pick(record, structureFields), kind: kindOfNetworks(record.reseaux_porteurs as string[] | null) });
  });

  const referenced = services.records
    .map((r) => (r && typeof r === 'object' ? (r as JsonRecord) : {}))
    .filter((r) => typeof r.source === 'string' && typeof r.structure_id === 'string' && !structureKeys.has(keyOf(r.source, r.structure_id)))
    .map((r) => ({ source: r.source as string, id: r.structure_id as string }));
  const existing = await repository.existingStructures(department, referenced);

  const serviceKeys = new Set<string>();
  const goodServices: JsonRecord[] = [];
  services.records.forEach((raw, index) => {
    const record = (raw ?? {}) as JsonRecord;
    const problems = validateService(raw);
    if (problems.length === 0) {
      const parent = keyOf(record.source, record.structure_id);
      if (!structureKeys.has(parent) && !existing.has(parent)) {
        problems.push(problem('structure_id', 'UNKNOWN_STRUCTURE', `${String(record.structure_id)} is neither in this import nor listed.`, record.structure_id));
      }
      problems.push(...placeProblems(record, known));
      const key = keyOf(record.source, record.id);
      if (serviceKeys.has(key)) problems.push(problem('id', 'DUPLICATE_ID', `${String(record.id)} appears twice.`, record.id));
      serviceKeys.add(key);
    }
    if (problems.length > 0) errors.push({ recordType: 'SERVICE', index, id: typeof record.id === 'string' ? record.id : null, problems });
    else goodServices.push(pick(record, serviceFields, ['structure_id']));
  });

  const report: ImportReport = { ok: errors.length === 0, dryRun, structuresCreated: 0, structuresUpdated: 0, servicesCreated: 0, servicesUpdated: 0, errors };
  if (errors.length > 0) return report;
  if (dryRun) {
    report.structuresCreated = goodStructures.length;
    report.servicesCreated = goodServices.length;
    return report;
  }
  await ctx.em.transactional(async (em: EntityManager) => {
    const tx = new DataInclusionRepository(em);
    const partners = await tx.upsertStructures(department, goodStructures);
    const written = await tx.upsertServices(department, goodServices);
    report.structuresCreated = partners.filter((p) => p.inserted).length;
    report.structuresUpdated = partners.length - report.structuresCreated;
    report.servicesCreated = written.filter((s) => s.inserted).length;
    report.servicesUpdated = written.length - report.servicesCreated;
    // Services of re-imported structures derive their point and text from them too.
    const all = await tx.serviceIdsOfPartners(department, partners.map((p) => p.id));
    await refreshDerived(em, department, [...new Set([...written.map((s) => s.id), ...all.map((s) => s.id)])]);
  });
  return report;
}

/** The caller's Département's live listings in the data·inclusion v1 format: published data, any role. */
export async function exportDataInclusion(ctx: SubgraphContext): Promise<{ structures: JsonRecord[]; services: JsonRecord[] }> {
  assertCan(ctx.caller, 'listing:export');
  const repository = new DataInclusionRepository(ctx.em);
  const structures = await repository.exportStructures(ctx.caller.departmentCode);
  const services = await repository.exportServices(ctx.caller.departmentCode);
  return { structures, services };
}
