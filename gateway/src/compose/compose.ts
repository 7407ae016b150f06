import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@theguild/federation-composition';
import { printFederatedSdl } from '@passerelles/subgraph-kit';
import { parse } from 'graphql';
import { subgraphs } from './subgraphs.js';

const gatewayRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = resolve(gatewayRoot, '..');
export const supergraphPath = resolve(gatewayRoot, 'supergraph.graphql');

export function sdlPath(subgraphName: string): string {
  return resolve(repoRoot, 'subgraphs', subgraphName, 'schema.graphql');
}

/**
 * Default subgraph URLs baked into the supergraph; the gateway overrides them from its
 * configuration at run time (ports differ in tests and deployments).
 */
export function defaultSubgraphUrl(port: number): string {
  return `http://127.0.0.1:${port}/graphql`;
}

/** The SDL each subgraph emits today, from its code. */
export async function emitSdls(): Promise<Map<string, string>> {
  const sdls = new Map<string, string>();
  for (const subgraph of subgraphs) sdls.set(subgraph.name, await printFederatedSdl(await subgraph.buildSchema()));
  return sdls;
}

/** The SDL of each subgraph as committed. */
export async function committedSdls(): Promise<Map<string, string>> {
  const sdls = new Map<string, string>();
  for (const subgraph of subgraphs) sdls.set(subgraph.name, await readFile(sdlPath(subgraph.name), 'utf8'));
  return sdls;
}

/** Composes the supergraph from SDLs; throws with every composition error listed. */
export function composeSupergraph(sdls: Map<string, string>): string {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, typeDefs: parse(sdls.get(s.name) ?? ''), url: defaultSubgraphUrl(s.defaultPort) })),
  );
  if (result.errors) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}
