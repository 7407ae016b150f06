export { roles, type Role, type Caller, type CallerClaims } from './caller.js';
export {
  CallerTokenSigner,
  CallerTokenVerifier,
  generateIdentityKeys,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TOKEN_TTL_SECONDS,
  type IdentityKeyPair,
  type TokenCheck,
} from './token.js';
export { ServiceTokenSigner, ServiceTokenVerifier, SERVICE_TOKEN_AUDIENCE, type ServiceSender, type ServiceTokenCheck } from './service-token.js';
