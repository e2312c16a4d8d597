import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The saga's quote, kept once so later steps and the recovery job need not price again; and the
 * refund retry schedule (attempts, next try).
 */
export class Migration20261124090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "preorder" add column if not exists "quote" jsonb null;`)
    this.addSql(`alter table if exists "preorder" add column if not exists "refund_attempts" integer not null default 0;`)
    this.addSql(`alter table if exists "preorder" add column if not exists "refund_retry_at" timestamptz null;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_preorder_refund_retry_at" ON "preorder" ("refund_retry_at") WHERE refund_retry_at IS NOT NULL AND deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_preorder_refund_retry_at";`)
    this.addSql(`alter table if exists "preorder" drop column if exists "refund_retry_at";`)
    this.addSql(`alter table if exists "preorder" drop column if exists "refund_attempts";`)
    this.addSql(`alter table if exists "preorder" drop column if exists "quote";`)
  }
}
