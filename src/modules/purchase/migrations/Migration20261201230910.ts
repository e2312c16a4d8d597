import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201230910 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "purchase" add column if not exists "payment_instructions" jsonb null, add column if not exists "payment_due_at" timestamptz null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_purchase_status_payment_due_at" ON "purchase" ("status", "payment_due_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_purchase_status_payment_due_at";`);
    this.addSql(`alter table if exists "purchase" drop column if exists "payment_instructions", drop column if exists "payment_due_at";`);
  }

}
