import 'reflect-metadata';
import { Directive, Field, ObjectType } from 'type-graphql';
import { UserFacingError } from './errors.js';

export const MAX_PAGE_SIZE = 100;

/** Cursor pagination over a stable order: the cursor is the sort key of the last row, opaque to clients. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the user-facing error
  }
  throw new UserFacingError('Invalid cursor: pass the endCursor of a previous page.', 'BAD_USER_INPUT', { argument: 'after' });
}

export function assertPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new UserFacingError(`first must be between 1 and ${MAX_PAGE_SIZE}.`, 'BAD_USER_INPUT', { argument: 'first' });
  }
}

/** Turns `first + 1` fetched rows into a page: the extra row only says whether there is more. */
export function toPage<T>(rows: readonly T[], first: number, sortKey: (row: T) => readonly (string | number)[]): { nodes: T[]; pageInfo: PageInfo } {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return { nodes, pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(sortKey(last)) : null } };
}

@ObjectType('PageInfo', { description: 'Where a page ends, and whether another follows.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Cursor to pass as `after` for the next page; null on an empty page.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}
