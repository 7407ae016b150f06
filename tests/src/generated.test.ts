import { readFile } from 'node:fs/promises';
import {
  committedSdls,
  composeSupergraph,
  emitSdls,
  operationTypes,
  operationTypesPath,
  servedSchema,
  supergraphPath,
  trustedDocuments,
  trustedDocumentsPath,
} from '@passerelles/gateway';
import { getNamedType, isObjectType, Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';

/** The committed SDLs and supergraph are what the code emits today (`npm run compose` rewrites them). */
describe('generated schema files', () => {
  it('each subgraph SDL matches its code', async () => {
    const emitted = await emitSdls();
    const committed = await committedSdls();
    expect([...emitted.keys()]).toEqual(['beneficiaries', 'partners', 'contracts', 'funding']);
    for (const [name, sdl] of emitted) {
      expect(committed.get(name), `subgraphs/${name}/schema.graphql is stale: run npm run compose`).toBe(sdl);
    }
  });

  it('the supergraph composes without error and matches the committed one', async () => {
    const supergraph = composeSupergraph(await committedSdls());
    expect(await readFile(supergraphPath, 'utf8'), 'gateway/supergraph.graphql is stale: run npm run compose').toBe(supergraph);
    expect(supergraph).toContain('@join__graph(name: "funding"');
  });

  it('every root field of the supergraph is @authenticated', async () => {
    const supergraph = parse(await readFile(supergraphPath, 'utf8'));
    const rootFields = supergraph.definitions.flatMap((d) =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && (d.name.value === 'Query' || d.name.value === 'Mutation')
        ? (d.fields ?? []).map((f) => ({ name: `${d.name.value}.${f.name.value}`, authenticated: f.directives?.some((x) => x.name.value === 'authenticated') ?? false }))
        : [],
    );
    expect(rootFields.length).toBeGreaterThan(5);
    expect(rootFields.filter((f) => !f.authenticated).map((f) => f.name)).toEqual([]);
  });

  it("the trusted documents are exactly the dashboard's operations", async () => {
    const { manifest, files } = await trustedDocuments();
    expect(files).toContain('dashboard/src/routes/territoires/territoires.graphql');
    expect(JSON.parse(await readFile(trustedDocumentsPath, 'utf8')), 'gateway/trusted-documents.json is stale: run npm run compose').toEqual(manifest);
  });

  it("the dashboard's operation types are generated from its operations and the served schema", async () => {
    const generated = await operationTypes(await committedSdls());
    expect(generated).toContain('export type CaseloadQuery = ');
    expect(await readFile(operationTypesPath, 'utf8'), 'dashboard/src/lib/graphql/operations.ts is stale: run npm run compose').toBe(generated);
  });

  it('every mutation answers in one shape: { ok, error: MutationError { code message field } }, the imports with their line-by-line report', async () => {
    const schema = servedSchema(await committedSdls());
    const error = schema.getType('MutationError');
    expect(isObjectType(error) ? Object.fromEntries(Object.values(error.getFields()).map((f) => [f.name, String(f.type)])) : null).toEqual({ code: 'String!', message: 'String!', field: 'String' });
    // An import answers for every line at once: its report lists the rejected lines (line, column, reason).
    const imports = new Set(['importBeneficiaries', 'importDataInclusion']);
    const shapes = Object.values(schema.getMutationType()!.getFields()).map((field) => {
      const result = getNamedType(field.type);
      const fields = isObjectType(result) ? result.getFields() : {};
      return { name: field.name, ok: fields['ok'] ? String(fields['ok'].type) : null, error: fields['error'] ? String(fields['error'].type) : null };
    });
    expect(shapes.length).toBeGreaterThan(25);
    expect(shapes.filter((s) => s.ok !== 'Boolean!' || (s.error !== 'MutationError' && !imports.has(s.name)))).toEqual([]);
    expect(shapes.filter((s) => s.error === null).map((s) => s.name).sort()).toEqual([...imports].sort());
  });

  it('composition reports errors instead of writing a broken supergraph', async () => {
    const sdls = await committedSdls();
    // The same field with two different types in two subgraphs cannot compose.
    sdls.set('contracts', `${sdls.get('contracts')}\ntype Department @key(fields: "code") { code: Int! }\n`);
    expect(() => composeSupergraph(sdls)).toThrow(/Supergraph composition failed/);
  });
});
