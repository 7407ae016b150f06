export { readGatewayEnv, type GatewayEnv } from './env.js';
export { createGateway, MAX_ADMIN_BODY_BYTES, MAX_BODY_BYTES, serveGateway, SUBGRAPH_TRANSPORT_OPTIONS, type RunningGateway } from './gateway.js';
export { useCallerToken } from './identity.js';
export { composeSupergraph, emitSdls, committedSdls, supergraphPath, sdlPath } from './compose/compose.js';
export { subgraphs } from './compose/subgraphs.js';
export { trustedDocuments, documentId } from './compose/trusted-documents.js';
export { trustedDocumentsPath, loadTrustedDocuments } from './trusted-documents.js';
export { adminTypeDefs } from './admin/schema.js';
export { operationTypes, operationTypesPath, servedSchema } from './compose/operation-types.js';
