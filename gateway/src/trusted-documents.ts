import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The dashboard's operations, by sha256 id, generated at build time (`npm run build -w @passerelles/gateway`). */
export const trustedDocumentsPath = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'trusted-documents.json');

export async function loadTrustedDocuments(): Promise<Map<string, string>> {
  const manifest = JSON.parse(await readFile(trustedDocumentsPath, 'utf8')) as Record<string, string>;
  return new Map(Object.entries(manifest));
}
