import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { repoRoot } from './compose.js';

/** sha256 of an operation file's exact text: the id the dashboard sends instead of the text. */
export const documentId = (text: string): string => createHash('sha256').update(text).digest('hex');

async function graphqlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((e) => (e.isDirectory() ? graphqlFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.graphql') ? [join(dir, e.name)] : []))),
  );
  return files.flat().sort();
}

/**
 * The trusted documents: every operation of the dashboard (`dashboard/src/**\/*.graphql`), by id.
 * In production the gateway runs only these.
 */
export async function trustedDocuments(): Promise<{ manifest: Record<string, string>; files: string[] }> {
  const files = await graphqlFiles(join(repoRoot, 'dashboard', 'src'));
  const manifest: Record<string, string> = {};
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    manifest[documentId(text)] = text;
  }
  return { manifest, files: files.map((f) => relative(repoRoot, f)) };
}
