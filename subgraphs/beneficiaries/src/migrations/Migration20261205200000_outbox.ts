import { Migration } from '@mikro-orm/migrations';
import { outboxTableSql } from '@passerelles/subgraph-kit';

/** The events beneficiaries owes other subgraphs (an exit ends the contract in force: ADR 0021). */
export class Migration20261205200000_outbox extends Migration {
  override up(): void {
    this.addSql(outboxTableSql('beneficiaries'));
  }
}
