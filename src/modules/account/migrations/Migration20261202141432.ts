import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202141432 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "player_profile" add column if not exists "time_zone" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "player_profile" drop column if exists "time_zone";`);
  }

}
