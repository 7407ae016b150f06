import { Migration } from '@mikro-orm/migrations';

/**
 * Typo tolerance by comparing whole texts with trigrams cost a word_similarity per matching row
 * (about 1 s over 20 000 services). Correct the query instead: keep each Département's vocabulary
 * (the unaccented words of its listings), replace each query word by its nearest vocabulary word
 * (trigram distance, GiST), then run the full-text search, which the GIN index answers.
 */
export class Migration20261122150000_search_norm extends Migration {
  override up(): void {
    this.addSql('alter table partners.service add column search_norm text generated always as (partners.f_unaccent(lower(search_text))) stored');
    this.addSql('drop index if exists partners.service_trigram_idx');
    this.addSql(`create table partners.search_word (
      department_code text not null,
      word text not null,
      primary key (department_code, word)
    )`);
    // Trigram nearest-neighbour needs GiST, which cannot lead with department_code without btree_gist;
    // the vocabulary is small (a few thousand words per Département).
    this.addSql('create index search_word_trigram_idx on partners.search_word using gist (word gist_trgm_ops)');
    this.addSql(`insert into partners.search_word (department_code, word)
      select distinct s.department_code, w from partners.service s, regexp_split_to_table(s.search_norm, '[^a-z0-9]+') w
       where length(w) >= 3 on conflict do nothing`);
  }

  override down(): void {
    this.addSql('drop table if exists partners.search_word');
    this.addSql('alter table partners.service drop column search_norm');
    this.addSql('create index service_trigram_idx on partners.service using gin (partners.f_unaccent(lower(search_text)) gin_trgm_ops)');
  }
}
