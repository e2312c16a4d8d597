import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202065811 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "player_profile" drop constraint if exists "player_profile_handle_unique";`);
    this.addSql(`alter table if exists "player_profile" drop constraint if exists "player_profile_customer_id_unique";`);
    this.addSql(`create table if not exists "player_profile" ("id" text not null, "customer_id" text not null, "handle" text not null, "display_name" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "player_profile_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_player_profile_customer_id_unique" ON "player_profile" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_player_profile_deleted_at" ON "player_profile" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_player_profile_handle_unique" ON "player_profile" ("handle") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "player_profile" cascade;`);
  }

}
