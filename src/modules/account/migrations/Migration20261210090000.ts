import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261210090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "player_profile" add column if not exists "notifications_seen_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "player_profile" drop column if exists "notifications_seen_at";`);
  }

}
