import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261203160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "release_announcement" ("id" text not null, "game_id" text not null, "picked" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "release_announcement_pkey" primary key ("id"));`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_release_announcement_game_id_unique" ON "release_announcement" ("game_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_release_announcement_deleted_at" ON "release_announcement" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`create table if not exists "mail_opt_out" ("id" text not null, "customer_id" text not null, "topic" text check ("topic" in ('new-releases')) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mail_opt_out_pkey" primary key ("id"));`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mail_opt_out_customer_id_topic_unique" ON "mail_opt_out" ("customer_id", "topic") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mail_opt_out_deleted_at" ON "mail_opt_out" ("deleted_at") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "release_announcement" cascade;`)
    this.addSql(`drop table if exists "mail_opt_out" cascade;`)
  }
}
