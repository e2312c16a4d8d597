import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123221306 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "entitlement" drop constraint if exists "entitlement_customer_id_game_id_unique";`);
    this.addSql(`create table if not exists "entitlement" ("id" text not null, "customer_id" text not null, "game_id" text not null, "order_id" text null, "source" text check ("source" in ('purchase', 'preorder', 'gift')) not null, "status" text check ("status" in ('active', 'revoked')) not null default 'active', "revoked_at" timestamptz null, "revoke_reason" text null, "play_minutes" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "entitlement_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_entitlement_deleted_at" ON "entitlement" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_entitlement_customer_id_game_id_unique" ON "entitlement" ("customer_id", "game_id") WHERE status = 'active' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_entitlement_order_id" ON "entitlement" ("order_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "entitlement" cascade;`);
  }

}
