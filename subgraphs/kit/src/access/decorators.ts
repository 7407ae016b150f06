import { Directive } from 'type-graphql';
import { catalogue, type Action } from './catalogue.js';

/**
 * Declares the action a field takes: the catalogue's roles become `@requiresScopes` in the
 * supergraph, so the gateway refuses other roles before any subgraph is called. The service
 * still calls `assertCan` with the same action, for the rows.
 */
export function Can(action: Action): MethodDecorator & PropertyDecorator {
  const scopes = catalogue[action].roles.map((r) => `["${r}"]`).join(', ');
  return Directive(`@requiresScopes(scopes: [${scopes}])`) as MethodDecorator & PropertyDecorator;
}
