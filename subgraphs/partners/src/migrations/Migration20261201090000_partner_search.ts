import { Migration } from '@mikro-orm/migrations';

/**
 * Structures are searched by their own name and description too (a structure without a live
 * service, such as a hospital listed for its contacts, must still be found), with the same French
 * full text and the same vocabulary for typo correction as services. A trigger adds a structure's
 * words to the vocabulary whoever writes it (the service, the data·inclusion import, the demo seed).
 */
export class Migration20261201090000_partner_search extends Migration {
  override up(): void {
    this.addSql(`alter table partners.partner add column search_vector tsvector generated always as
      (to_tsvector('french', partners.f_unaccent(coalesce(name, '') || ' ' || coalesce(description, '')))) stored`);
    this.addSql('create index partner_search_idx on partners.partner using gin (search_vector)');
    this.addSql(`insert into partners.search_word (department_code, word)
      select distinct p.department_code, w from partners.partner p,
             regexp_split_to_table(partners.f_unaccent(lower(coalesce(p.name, '') || ' ' || coalesce(p.description, ''))), '[^a-z0-9]+') w
       where length(w) >= 3 on conflict do nothing`);
    this.addSql(`create or replace function partners.partner_search_words() returns trigger language plpgsql as $$
      begin
        insert into partners.search_word (department_code, word)
        select distinct new.department_code, w
          from regexp_split_to_table(partners.f_unaccent(lower(coalesce(new.name, '') || ' ' || coalesce(new.description, ''))), '[^a-z0-9]+') w
         where length(w) >= 3
        on conflict do nothing;
        return null;
      end $$`);
    this.addSql(`create trigger partner_search_words after insert or update of name, description on partners.partner
      for each row execute function partners.partner_search_words()`);
  }

  override down(): void {
    this.addSql('drop trigger if exists partner_search_words on partners.partner');
    this.addSql('drop function if exists partners.partner_search_words()');
    this.addSql('drop index if exists partners.partner_search_idx');
    this.addSql('alter table partners.partner drop column search_vector');
  }
}
