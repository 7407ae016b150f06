import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { adminTypeDefs, committedSdls, subgraphs, trustedDocuments } from '@passerelles/gateway';
import { composeServices } from '@theguild/federation-composition';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/**
 * The schema the gateway serves to the dashboard: the public schema composed from the committed
 * subgraph SDLs, plus what the gateway itself adds (`me`, `users`, `inviteUser`…).
 */
async function servedSchema(): Promise<GraphQLSchema> {
  const sdls = await committedSdls();
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, typeDefs: parse(sdls.get(s.name) ?? ''), url: `http://127.0.0.1:${s.defaultPort}/graphql` })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return buildSchema(`${result.publicSdl}\n${adminTypeDefs(parse(result.supergraphSdl))}`);
}

/** Every operation of the dashboard is a valid document for the schema it is sent to. */
describe('dashboard operations', () => {
  it('every dashboard/src/**/*.graphql file validates against the served schema', async () => {
    const schema = await servedSchema();
    const { files } = await trustedDocuments();
    expect(files.length).toBeGreaterThan(20);
    const invalid: string[] = [];
    for (const file of files) {
      const text = await readFile(join(repoRoot, file), 'utf8');
      let errors: string[];
      try {
        errors = validate(schema, parse(text)).map((e) => e.message);
      } catch (error) {
        errors = [(error as Error).message];
      }
      if (errors.length > 0) invalid.push(`${file}:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    }
    expect(invalid.join('\n'), 'dashboard operations that the gateway would refuse').toBe('');
  });
});
