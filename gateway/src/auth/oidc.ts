import type pg from 'pg';
import * as client from 'openid-client';
import type { SessionStore } from './sessions.js';
import { UserRepository, type UserRow } from './users.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string;
  /** Allow http:// issuers (tests and local providers only). */
  allowInsecure: boolean;
}

export type OidcResult = { ok: true; token: string; expiresAt: Date; user: UserRow; returnTo: string } | { ok: false; reason: string };

/**
 * OpenID Connect login (ProConnect-compatible): authorization code with PKCE, `state` and `nonce`
 * of 43 characters kept server-side for 10 minutes. Users are matched on (issuer, sub); the first
 * time, an active account with the same verified e-mail is linked to that (issuer, sub).
 */
export class OidcLogin {
  private configuration: Promise<client.Configuration> | undefined;
  private readonly users: UserRepository;

  constructor(
    private readonly db: pg.Pool,
    private readonly sessions: SessionStore,
    private readonly settings: OidcSettings,
  ) {
    this.users = new UserRepository(db);
  }

  private config(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        { client_secret: this.settings.clientSecret, redirect_uris: [this.settings.redirectUri], response_types: ['code'] },
        undefined,
        this.settings.allowInsecure ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  async start(returnTo: string): Promise<string> {
    const config = await this.config();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    await this.db.query(`delete from auth.oidc_flow where created_at < now() - interval '10 minutes'`);
    await this.db.query('insert into auth.oidc_flow (state, nonce, code_verifier, return_to) values ($1, $2, $3, $4)', [state, nonce, verifier, returnTo]);
    return client
      .buildAuthorizationUrl(config, {
        redirect_uri: this.settings.redirectUri,
        scope: this.settings.scopes,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      })
      .toString();
  }

  async callback(callbackUrl: string): Promise<OidcResult> {
    const url = new URL(callbackUrl);
    const state = url.searchParams.get('state');
    if (!state) return { ok: false, reason: 'missing state' };
    const flow = await this.db.query<{ nonce: string; code_verifier: string; return_to: string }>(
      `delete from auth.oidc_flow where state = $1 and created_at > now() - interval '10 minutes' returning nonce, code_verifier, return_to`,
      [state],
    );
    const pending = flow.rows[0];
    if (!pending) return { ok: false, reason: 'unknown or expired state' };
    let claims: client.IDToken | undefined;
    let email: { address: unknown; verified: unknown } = { address: undefined, verified: undefined };
    try {
      const config = await this.config();
      const tokens = await client.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      if (claims) {
        email = { address: claims.email, verified: claims.email_verified };
        // Providers such as ProConnect give the e-mail at the userinfo endpoint, not in the ID token.
        if (typeof email.address !== 'string') {
          const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
          email = { address: info.email, verified: info.email_verified };
        }
      }
    } catch (error) {
      return { ok: false, reason: `token exchange refused: ${error instanceof Error ? error.message : 'error'}` };
    }
    if (!claims) return { ok: false, reason: 'no ID token' };
    let user = await this.users.byOidc(claims.iss, claims.sub);
    if (!user && typeof email.address === 'string' && email.verified === true) {
      const byEmail = await this.users.byEmail(email.address);
      if (byEmail && byEmail.active && !byEmail.oidc_subject) {
        await this.users.linkOidc(byEmail.id, claims.iss, claims.sub);
        user = byEmail;
      }
    }
    if (!user || !user.active) return { ok: false, reason: 'no active account for this identity' };
    await this.users.recordSuccess(user.id);
    const session = await this.sessions.create(user.id);
    return { ok: true, token: session.token, expiresAt: session.expiresAt, user, returnTo: pending.return_to };
  }
}
