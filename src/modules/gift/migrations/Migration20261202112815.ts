import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202112815 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "gift" drop constraint if exists "gift_recipient_id_game_id_unique";`);
    this.addSql(`alter table if exists "gift" drop constraint if exists "gift_purchase_id_unique";`);
    this.addSql(`alter table if exists "gift" drop constraint if exists "gift_sender_id_idempotency_key_unique";`);
    this.addSql(`create table if not exists "gift" ("id" text not null, "sender_id" text not null, "recipient_id" text not null, "game_id" text not null, "game_title" text not null, "message" text not null default '', "idempotency_key" text not null, "request_hash" text not null, "purchase_id" text null, "order_id" text null, "refund_id" text null, "state" text check ("state" in ('paying', 'failed', 'scheduled', 'delivered', 'accepted', 'declined', 'expired', 'cancelled', 'refunded')) not null default 'paying', "refund_reason" text null, "failure_reason" text null, "sender_country" text not null, "recipient_country" text not null, "currency_code" text not null, "amount" numeric not null, "points_used" integer not null default 0, "cash_amount" numeric not null, "deliver_at" timestamptz not null, "sender_time_zone" text null, "bought_at" timestamptz null, "delivered_at" timestamptz null, "expires_at" timestamptz null, "notified_at" timestamptz null, "answered_at" timestamptz null, "refunded_at" timestamptz null, "raw_amount" jsonb not null, "raw_cash_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "gift_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_gift_deleted_at" ON "gift" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_gift_sender_id_idempotency_key_unique" ON "gift" ("sender_id", "idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_gift_purchase_id_unique" ON "gift" ("purchase_id") WHERE purchase_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_gift_state_deliver_at" ON "gift" ("state", "deliver_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_gift_state_expires_at" ON "gift" ("state", "expires_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_gift_sender_id_created_at" ON "gift" ("sender_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_gift_recipient_id_state" ON "gift" ("recipient_id", "state") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_gift_recipient_id_game_id_unique" ON "gift" ("recipient_id", "game_id") WHERE state IN ('paying', 'scheduled', 'delivered') AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_gift_refund_id" ON "gift" ("refund_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_gift_created_at" ON "gift" ("created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "gift_event" ("id" text not null, "gift_id" text not null, "from_state" text null, "to_state" text not null, "cause" text not null, "actor" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "gift_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_gift_event_deleted_at" ON "gift_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_gift_event_gift_id_created_at" ON "gift_event" ("gift_id", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "gift" cascade;`);

    this.addSql(`drop table if exists "gift_event" cascade;`);
  }

}
