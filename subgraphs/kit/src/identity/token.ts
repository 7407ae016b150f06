import { generateKeyPair, exportPKCS8, exportSPKI, importPKCS8, importSPKI, SignJWT, jwtVerify, errors } from 'jose';
import { callerClaimsSchema, callerOf, claimsOf, type Caller } from './caller.js';

/**
 * The token the gateway signs for each request it forwards to a subgraph. Ed25519: only the
 * gateway holds the private key; subgraphs hold the public key and cannot mint tokens themselves.
 */
const ALGORITHM = 'EdDSA';
export const TOKEN_ISSUER = 'passerelles-gateway';
export const TOKEN_AUDIENCE = 'passerelles-subgraphs';
/** Long enough for one federated request, short enough that a leaked token is soon useless. */
export const TOKEN_TTL_SECONDS = 60;

type SigningKey = Awaited<ReturnType<typeof importPKCS8>>;
type VerifyingKey = Awaited<ReturnType<typeof importSPKI>>;

export interface IdentityKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

/** A fresh key pair (the launcher makes one per run when none is configured). */
export async function generateIdentityKeys(): Promise<IdentityKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
  return { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
}

export class CallerTokenSigner {
  private constructor(private readonly key: SigningKey) {}

  static async fromPem(privateKeyPem: string): Promise<CallerTokenSigner> {
    return new CallerTokenSigner(await importPKCS8(privateKeyPem, ALGORITHM));
  }

  sign(caller: Caller, correlationId: string): Promise<string> {
    return new SignJWT({ ...claimsOf(caller), cid: correlationId })
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }
}

export type TokenCheck = { ok: true; caller: Caller; correlationId: string | null } | { ok: false; reason: string };

export class CallerTokenVerifier {
  private constructor(private readonly key: VerifyingKey) {}

  static async fromPem(publicKeyPem: string): Promise<CallerTokenVerifier> {
    return new CallerTokenVerifier(await importSPKI(publicKeyPem, ALGORITHM));
  }

  /** Checks signature, issuer, audience and expiry; never throws. */
  async verify(authorization: string | undefined | null): Promise<TokenCheck> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, reason: 'missing gateway token' };
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        maxTokenAge: `${TOKEN_TTL_SECONDS * 2}s`,
        requiredClaims: ['exp', 'iat'],
      });
      const claims = callerClaimsSchema.safeParse(payload);
      if (!claims.success) return { ok: false, reason: 'malformed gateway token claims' };
      const cid = typeof payload.cid === 'string' ? payload.cid : null;
      return { ok: true, caller: callerOf(claims.data), correlationId: cid };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired gateway token' };
      return { ok: false, reason: 'invalid gateway token' };
    }
  }
}
