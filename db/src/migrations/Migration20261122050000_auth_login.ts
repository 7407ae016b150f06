import { Migration } from '@mikro-orm/migrations';

/** Local accounts (argon2id), OIDC links, server-side sessions, login throttling, invitations. */
export class Migration20261122050000_auth_login extends Migration {
  override up(): void {
    this.addSql(`alter table auth.app_user
      add column password_hash text,
      add column oidc_issuer text,
      add column oidc_subject text,
      add column failed_logins integer not null default 0,
      add column locked_until timestamptz,
      add column last_login_at timestamptz,
      add column updated_at timestamptz not null default now()`);
    // One account per e-mail address across Départements: login asks for the address only.
    this.addSql('create unique index app_user_email_global_idx on auth.app_user (lower(email))');
    this.addSql('create unique index app_user_oidc_idx on auth.app_user (oidc_issuer, oidc_subject) where oidc_subject is not null');
    this.addSql(`create table auth.session (
      id_hash text primary key,
      user_id uuid not null references auth.app_user (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz
    )`);
    this.addSql('create index session_user_idx on auth.session (user_id)');
    this.addSql(`create table auth.login_attempt (
      id bigint generated always as identity primary key,
      client_key text not null,
      at timestamptz not null default now(),
      succeeded boolean not null
    )`);
    this.addSql('create index login_attempt_client_idx on auth.login_attempt (client_key, at)');
    this.addSql(`create table auth.oidc_flow (
      state text primary key,
      nonce text not null,
      code_verifier text not null,
      return_to text not null default '/',
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create table auth.invitation (
      token_hash text primary key,
      user_id uuid not null references auth.app_user (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`);
  }

  override down(): void {
    this.addSql('drop table if exists auth.invitation, auth.oidc_flow, auth.login_attempt, auth.session');
    this.addSql(`alter table auth.app_user drop column password_hash, drop column oidc_issuer, drop column oidc_subject,
      drop column failed_logins, drop column locked_until, drop column last_login_at, drop column updated_at`);
  }
}
