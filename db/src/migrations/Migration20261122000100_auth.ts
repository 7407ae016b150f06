import { Migration } from '@mikro-orm/migrations';

/** Users and server-side sessions (filled by the identity work; the schema exists from day one). */
export class Migration20261122000100_auth extends Migration {
  override up(): void {
    this.addSql(`create table auth.app_user (
      id uuid primary key default gen_random_uuid(),
      department_code text not null,
      email text not null,
      display_name text not null,
      role text not null check (role in ('ADMIN', 'STEERING', 'REFERENT', 'OPERATOR', 'PRESCRIBER')),
      territory_ids text[] not null default '{}',
      partner_id uuid,
      active boolean not null default true,
      created_at timestamptz not null default now()
    )`);
    this.addSql('create unique index app_user_email_idx on auth.app_user (department_code, lower(email))');
  }

  override down(): void {
    this.addSql('drop table if exists auth.app_user');
  }
}
