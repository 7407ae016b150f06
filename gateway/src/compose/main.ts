import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { trustedDocumentsPath } from '../trusted-documents.js';
import { composeSupergraph, emitSdls, repoRoot, sdlPath, supergraphPath } from './compose.js';
import { operationTypes, operationTypesPath } from './operation-types.js';
import { trustedDocuments } from './trusted-documents.js';

/**
 * `npm run compose`: writes each subgraph's SDL, the composed supergraph, the trusted documents and
 * the dashboard's operation types.
 * `--check`: writes nothing; fails when a committed file differs from what the code emits.
 */
async function main(check: boolean): Promise<void> {
  const sdls = await emitSdls();
  const supergraph = composeSupergraph(sdls);
  const { manifest } = await trustedDocuments();
  const outputs = new Map<string, string>([
    ...[...sdls].map(([name, sdl]) => [sdlPath(name), sdl] as const),
    [supergraphPath, supergraph],
    [trustedDocumentsPath, `${JSON.stringify(manifest, null, 2)}\n`],
    [operationTypesPath, await operationTypes(sdls)],
  ]);
  const stale: string[] = [];
  for (const [path, content] of outputs) {
    const current = await readFile(path, 'utf8').catch(() => null);
    if (current === content) continue;
    if (check) stale.push(relative(repoRoot, path));
    else await writeFile(path, content);
  }
  if (stale.length > 0) {
    console.error(`Stale generated files (run \`npm run compose\` and commit):\n${stale.map((s) => `- ${s}`).join('\n')}`);
    process.exit(1);
  }
  console.log(check ? 'Subgraph SDLs, supergraph, trusted documents and operation types are up to date.' : `Wrote ${outputs.size} files.`);
}

main(process.argv.includes('--check')).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
