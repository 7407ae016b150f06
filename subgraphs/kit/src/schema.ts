import 'reflect-metadata';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { graphql, Kind, parse, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { textLimitsOf, userInput } from './input.js';

/** Federation version of every subgraph: at or below what the composition library knows. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@authenticated", "@requiresScopes"])';

export type ReferenceResolvers = Record<string, { __resolveReference: (...args: never[]) => unknown }>;

export interface FederatedSchemaOptions {
  // type-graphql resolver classes of this subgraph.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  /** `__resolveReference` of each entity this subgraph resolves, from its `*.reference.ts` files. */
  references?: ReferenceResolvers;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
}

/**
 * The one way to build a subgraph schema: type-graphql classes → SDL with directives →
 * `buildSubgraphSchema` (array form) with type-graphql's resolvers plus the reference resolvers.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const textLimits = new Map<string, number>();
  const schema = await buildSchema({
    resolvers: options.resolvers,
    ...(options.orphanedTypes ? { orphanedTypes: options.orphanedTypes } : {}),
    skipCheck: true,
    validate: false,
    // Every field: oversized texts, NUL characters and malformed ids refused before any service
    // runs, database refusals of the caller's input made user errors.
    globalMiddlewares: [userInput(textLimits)],
    emitSchemaFile: false,
  });
  for (const [field, limit] of textLimitsOf(schema)) textLimits.set(field, limit);
  const typeDefs = requireAuthentication(parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`));
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(options.references ?? {})) {
    const existing = (resolvers[typeName] ?? {}) as Record<string, unknown>;
    resolvers[typeName] = { ...existing, __resolveReference: reference.__resolveReference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}

const ROOT_TYPES = new Set(['Query', 'Mutation']);

/**
 * Marks every root field `@authenticated`, so that the gateway refuses any operation from a caller
 * it has not authenticated (subgraphs also refuse requests without the gateway's token). Role
 * restrictions are added per field with `@requiresScopes(scopes: [["ADMIN"]])` where a role may
 * never call a field, and enforced again, row by row, in the services.
 */
function requireAuthentication(document: DocumentNode): DocumentNode {
  return visit(document, {
    ObjectTypeDefinition(node) {
      if (!ROOT_TYPES.has(node.name.value)) return undefined;
      return {
        ...node,
        fields: node.fields?.map((field) =>
          field.directives?.some((d) => d.name.value === 'authenticated')
            ? field
            : { ...field, directives: [...(field.directives ?? []), { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: 'authenticated' }, arguments: [] }] },
        ),
      };
    },
  });
}

/**
 * The SDL committed as `subgraphs/<ctx>/schema.graphql` and composed into the supergraph: exactly
 * what the subgraph answers to `{ _service { sdl } }`.
 */
export async function printFederatedSdl(schema: GraphQLSchema): Promise<string> {
  const result = await graphql({ schema, source: '{ _service { sdl } }' });
  const sdl = (result.data as { _service?: { sdl?: string } } | null | undefined)?._service?.sdl;
  if (!sdl) throw new Error(`Could not print the subgraph SDL: ${result.errors?.map((e) => e.message).join('; ') ?? 'no _service'}`);
  return `${sdl.trim()}\n`;
}
