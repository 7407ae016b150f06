import { Migration } from '@mikro-orm/migrations';

export class Migration20261122010000_partner extends Migration {
  override up(): void {
    this.addSql(`create table partners.partner (
      id uuid primary key,
      department_code text not null,
      name text not null,
      kind text not null,
      commune_code text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql('create index partner_department_commune_idx on partners.partner (department_code, commune_code)');
    this.addSql('create index partner_department_name_idx on partners.partner (department_code, name, id)');
  }

  override down(): void {
    this.addSql('drop table if exists partners.partner');
  }
}
