import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261124200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "mail_outbox" ("id" text not null, "idempotency_key" text not null, "entries" jsonb not null, "attempts" integer not null default 0, "last_error" text null, "claimed_until" timestamptz null, "sent_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mail_outbox_pkey" primary key ("id"));`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mail_outbox_idempotency_key_unique" ON "mail_outbox" ("idempotency_key") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mail_outbox_created_at" ON "mail_outbox" ("created_at") WHERE sent_at IS NULL AND deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mail_outbox_deleted_at" ON "mail_outbox" ("deleted_at") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mail_outbox" cascade;`)
  }
}
