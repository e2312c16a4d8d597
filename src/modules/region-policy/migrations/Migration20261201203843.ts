import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201203843 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "residence_change" drop constraint if exists "residence_change_source_check";`);

    this.addSql(`alter table if exists "residence_change" add constraint "residence_change_source_check" check("source" in ('signup', 'customer', 'admin', 'first_purchase'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "residence_change" drop constraint if exists "residence_change_source_check";`);

    this.addSql(`alter table if exists "residence_change" add constraint "residence_change_source_check" check("source" in ('signup', 'customer', 'admin'));`);
  }

}
