import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261203152438 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "interaction" drop constraint if exists "interaction_event_key_unique";`);
    this.addSql(`create table if not exists "interaction" ("id" text not null, "customer_id" text not null, "game_id" text not null, "kind" text check ("kind" in ('purchase', 'preorder', 'gift', 'play', 'view')) not null, "weight" real not null, "occurred_at" timestamptz not null, "event_key" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "interaction_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_interaction_event_key_unique" ON "interaction" ("event_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_interaction_deleted_at" ON "interaction" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_interaction_customer_id_occurred_at" ON "interaction" ("customer_id", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_interaction_occurred_at" ON "interaction" ("occurred_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "interaction" cascade;`);
  }

}
