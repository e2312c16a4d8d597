import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Pre-orders paid with an asynchronous method wait in "awaiting_payment" for the provider. */
export class Migration20261124120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "preorder" add column if not exists "payment_instructions" jsonb null;`)
    this.addSql(`alter table if exists "preorder" drop constraint if exists "preorder_status_check";`)
    this.addSql(`alter table if exists "preorder" add constraint "preorder_status_check" check ("status" in ('pending', 'awaiting_payment', 'completed', 'failed', 'refunding', 'refunded'));`)
    this.addSql(`drop index if exists "IDX_preorder_customer_id_game_id_unique";`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_preorder_customer_id_game_id_unique" ON "preorder" ("customer_id", "game_id") WHERE status IN ('pending', 'awaiting_payment', 'completed') AND deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "preorder" drop column if exists "payment_instructions";`)
    this.addSql(`drop index if exists "IDX_preorder_customer_id_game_id_unique";`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_preorder_customer_id_game_id_unique" ON "preorder" ("customer_id", "game_id") WHERE status IN ('pending', 'completed') AND deleted_at IS NULL;`)
    this.addSql(`alter table if exists "preorder" drop constraint if exists "preorder_status_check";`)
    this.addSql(`alter table if exists "preorder" add constraint "preorder_status_check" check ("status" in ('pending', 'completed', 'failed', 'refunding', 'refunded'));`)
  }
}
