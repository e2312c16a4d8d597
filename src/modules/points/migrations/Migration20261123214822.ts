import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123214822 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "points_entry" drop constraint if exists "points_entry_idempotency_key_unique";`);
    this.addSql(`alter table if exists "points_earn_rate" drop constraint if exists "points_earn_rate_region_id_unique";`);
    this.addSql(`alter table if exists "points_account" drop constraint if exists "points_account_customer_id_unique";`);
    this.addSql(`create table if not exists "points_account" ("id" text not null, "customer_id" text not null, "balance" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "points_account_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_points_account_customer_id_unique" ON "points_account" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_account_deleted_at" ON "points_account" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "points_earn_rate" ("id" text not null, "region_id" text not null, "rate" real not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "points_earn_rate_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_points_earn_rate_region_id_unique" ON "points_earn_rate" ("region_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_earn_rate_deleted_at" ON "points_earn_rate" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "points_entry" ("id" text not null, "customer_id" text not null, "kind" text check ("kind" in ('earn', 'hold', 'spend', 'release', 'clawback', 'adjust')) not null, "amount" integer not null, "reference_id" text null, "idempotency_key" text not null, "reason" text null, "created_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "points_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_points_entry_idempotency_key_unique" ON "points_entry" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_entry_deleted_at" ON "points_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_entry_customer_id_created_at" ON "points_entry" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_entry_reference_id" ON "points_entry" ("reference_id") WHERE deleted_at IS NULL;`);

    // Money-like rules kept by the database itself, whatever code writes here.
    this.addSql(`alter table "points_account" add constraint "points_account_balance_not_negative" check ("balance" >= 0);`);
    this.addSql(`alter table "points_entry" add constraint "points_entry_amount_sign" check (
      ("kind" in ('earn', 'release') and "amount" > 0) or
      ("kind" in ('hold', 'spend', 'clawback') and "amount" < 0) or
      ("kind" = 'adjust' and "amount" <> 0));`);
    this.addSql(`create or replace function points_entry_append_only() returns trigger as $$
      begin
        raise exception 'points_entry is append-only (% refused)', tg_op;
      end;
      $$ language plpgsql;`);
    this.addSql(`drop trigger if exists points_entry_append_only on "points_entry";`);
    this.addSql(`create trigger points_entry_append_only before update or delete on "points_entry"
      for each row execute function points_entry_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists points_entry_append_only on "points_entry";`);
    this.addSql(`drop function if exists points_entry_append_only();`);
    this.addSql(`drop table if exists "points_account" cascade;`);

    this.addSql(`drop table if exists "points_earn_rate" cascade;`);

    this.addSql(`drop table if exists "points_entry" cascade;`);
  }

}
