import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201225850 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "game_refund" drop constraint if exists "game_refund_customer_id_idempotency_key_unique";`);
    this.addSql(`create table if not exists "game_refund" ("id" text not null, "customer_id" text not null, "order_id" text not null, "purchase_id" text null, "idempotency_key" text null, "games" jsonb not null, "currency_code" text not null, "status" text check ("status" in ('refunding', 'refunded', 'failed')) not null default 'refunding', "attempts" integer not null default 1, "planned_attempt" integer not null default 0, "cash_share" numeric null, "amount" numeric null, "points_restored" integer not null default 0, "points_clawed_back" integer not null default 0, "shortfall_points" integer not null default 0, "payment_refund_id" text null, "failure_reason" text null, "failure_message" text null, "retry_at" timestamptz null, "refunded_at" timestamptz null, "raw_cash_share" jsonb null, "raw_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "game_refund_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_game_refund_deleted_at" ON "game_refund" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_game_refund_customer_id_idempotency_key_unique" ON "game_refund" ("customer_id", "idempotency_key") WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_game_refund_order_id" ON "game_refund" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_game_refund_status_retry_at" ON "game_refund" ("status", "retry_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "game_refund" cascade;`);
  }

}
