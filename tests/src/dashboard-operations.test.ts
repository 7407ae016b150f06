import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { committedSdls, servedSchema, trustedDocuments } from '@passerelles/gateway';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Every operation of the dashboard is a valid document for the schema it is sent to. */
describe('dashboard operations', () => {
  it('every dashboard/src/**/*.graphql file validates against the served schema', async () => {
    const schema = servedSchema(await committedSdls());
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
