import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123222019 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "preorder" drop constraint if exists "preorder_customer_id_game_id_unique";`);
    this.addSql(`alter table if exists "preorder" drop constraint if exists "preorder_customer_id_idempotency_key_unique";`);
    this.addSql(`create table if not exists "preorder" ("id" text not null, "customer_id" text not null, "game_id" text not null, "variant_id" text not null, "region_id" text not null, "currency_code" text not null, "idempotency_key" text not null, "status" text check ("status" in ('pending', 'completed', 'failed', 'refunding', 'refunded')) not null default 'pending', "failure_reason" text null, "failure_message" text null, "total" numeric not null, "points_used" integer not null default 0, "cash_amount" numeric not null, "points_earned" integer not null default 0, "payment_method" text null, "order_id" text null, "payment_collection_id" text null, "payment_id" text null, "completed_at" timestamptz null, "refund_amount" numeric null, "refund_shortfall_points" integer not null default 0, "refund_failure" text null, "refunded_at" timestamptz null, "raw_total" jsonb not null, "raw_cash_amount" jsonb not null, "raw_refund_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "preorder_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_preorder_deleted_at" ON "preorder" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_preorder_customer_id_idempotency_key_unique" ON "preorder" ("customer_id", "idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_preorder_customer_id_game_id_unique" ON "preorder" ("customer_id", "game_id") WHERE status IN ('pending', 'completed') AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_preorder_status_updated_at" ON "preorder" ("status", "updated_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "preorder" cascade;`);
  }

}
