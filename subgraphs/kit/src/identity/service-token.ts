import { importPKCS8, importSPKI, SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';

/**
 * The token a subgraph signs when it tells another subgraph that something happened in its data
 * (an event of its outbox, ADR 0021). It is not a caller token: it names the emitting service and
 * the Département of the event, is accepted only on the receiver's `/internal/<topic>` routes
 * (never on `/graphql`), and is signed with the services' key, not the gateway's — a subgraph
 * cannot act as a user anywhere, only deliver the events it emits.
 */
const ALGORITHM = 'EdDSA';
export const SERVICE_TOKEN_AUDIENCE = 'passerelles-internal';
const ISSUER_PREFIX = 'passerelles-service:';
const SERVICE_TOKEN_TTL_SECONDS = 60;

export interface ServiceSender {
  /** The emitting subgraph (`beneficiaries`…). */
  service: string;
  /** The Département the event belongs to: the receiver writes nothing outside it. */
  departmentCode: string;
}

const claimsSchema = z.object({ iss: z.string().startsWith(ISSUER_PREFIX), dep: z.string().regex(/^(\d{2}|2A|2B|\d{3})$/) });

export class ServiceTokenSigner {
  private constructor(
    private readonly service: string,
    private readonly key: Awaited<ReturnType<typeof importPKCS8>>,
  ) {}

  static async fromPem(service: string, privateKeyPem: string): Promise<ServiceTokenSigner> {
    return new ServiceTokenSigner(service, await importPKCS8(privateKeyPem, ALGORITHM));
  }

  sign(departmentCode: string): Promise<string> {
    return new SignJWT({ dep: departmentCode })
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(`${ISSUER_PREFIX}${this.service}`)
      .setAudience(SERVICE_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${SERVICE_TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }
}

export type ServiceTokenCheck = { ok: true; sender: ServiceSender } | { ok: false; reason: string };

export class ServiceTokenVerifier {
  private constructor(private readonly key: Awaited<ReturnType<typeof importSPKI>>) {}

  static async fromPem(publicKeyPem: string): Promise<ServiceTokenVerifier> {
    return new ServiceTokenVerifier(await importSPKI(publicKeyPem, ALGORITHM));
  }

  /** Checks signature, audience and expiry; never throws. */
  async verify(authorization: string | undefined | null): Promise<ServiceTokenCheck> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, reason: 'missing service token' };
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        audience: SERVICE_TOKEN_AUDIENCE,
        maxTokenAge: `${SERVICE_TOKEN_TTL_SECONDS * 2}s`,
        requiredClaims: ['exp', 'iat', 'iss'],
      });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return { ok: false, reason: 'malformed service token claims' };
      return { ok: true, sender: { service: claims.data.iss.slice(ISSUER_PREFIX.length), departmentCode: claims.data.dep } };
    } catch {
      return { ok: false, reason: 'invalid service token' };
    }
  }
}
