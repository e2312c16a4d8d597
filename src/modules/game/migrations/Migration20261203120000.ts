import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** Optional Korean and Japanese titles, which the game search index matches. */
export class Migration20261203120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "game" add column if not exists "title_ko" text null, add column if not exists "title_ja" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "game" drop column if exists "title_ko", drop column if exists "title_ja";`);
  }

}
