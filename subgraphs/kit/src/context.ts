import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Caller } from './identity/caller.js';

/**
 * Per-request DataLoaders: every reference resolver and every field contributed to another
 * subgraph's entity goes through one, so resolving N entities costs one query, not N.
 * `key` is a module-level constant naming the loader; `batch` is used the first time only.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<unknown, DataLoader<unknown, unknown>>();

  get<K, V>(key: object | symbol, batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch);
      this.loaders.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/** What every resolver receives: who calls, a request-scoped EntityManager, the request's loaders. */
export interface SubgraphContext {
  caller: Caller;
  correlationId: string;
  em: EntityManager;
  loaders: LoaderRegistry;
}

/** Orders batch results as the keys came, with `null` for keys that matched no row. */
export function byKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const index = new Map<K, V>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((k) => index.get(k) ?? null);
}

/** Orders grouped counts as the keys came, with 0 for keys that had no row. */
export function countsByKeys<K>(keys: readonly K[], rows: readonly { key: K; count: number | string }[]): number[] {
  const index = new Map<K, number>();
  for (const row of rows) index.set(row.key, Number(row.count));
  return keys.map((k) => index.get(k) ?? 0);
}
