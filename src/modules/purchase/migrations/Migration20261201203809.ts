import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201203809 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "purchase" drop constraint if exists "purchase_cart_id_unique";`);
    this.addSql(`alter table if exists "purchase" drop constraint if exists "purchase_customer_id_idempotency_key_unique";`);
    this.addSql(`create table if not exists "purchase" ("id" text not null, "customer_id" text not null, "cart_id" text not null, "order_id" text null, "idempotency_key" text not null, "request_hash" text not null, "status" text check ("status" in ('pending', 'awaiting_payment', 'completed', 'failed', 'refunding', 'refunded')) not null default 'pending', "failure_reason" text null, "failure_message" text null, "region_id" text not null, "currency_code" text not null, "total" numeric not null, "discount_total" numeric not null default 0, "points_used" integer not null default 0, "cash_amount" numeric not null, "points_earned" integer not null default 0, "payment_provider_id" text null, "payment_method" text null, "items" jsonb not null, "completed_at" timestamptz null, "raw_total" jsonb not null, "raw_discount_total" jsonb not null default '{"value":"0","precision":20}', "raw_cash_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "purchase_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_purchase_deleted_at" ON "purchase" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_purchase_customer_id_idempotency_key_unique" ON "purchase" ("customer_id", "idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_purchase_cart_id_unique" ON "purchase" ("cart_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_purchase_order_id" ON "purchase" ("order_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "purchase" cascade;`);
  }

}
