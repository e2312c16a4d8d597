import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202112749 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "purchase" add column if not exists "gift_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "purchase" drop column if exists "gift_id";`);
  }

}
