import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123211200 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "game_price" drop constraint if exists "game_price_game_id_currency_code_unique";`);
    this.addSql(`alter table if exists "game" drop constraint if exists "game_handle_unique";`);
    this.addSql(`alter table if exists "game" drop constraint if exists "game_product_id_unique";`);
    this.addSql(`create table if not exists "game" ("id" text not null, "product_id" text not null, "variant_id" text null, "title" text not null, "handle" text not null, "thumbnail" text null, "published" boolean not null default true, "genres" text[] not null default '{}', "tags" text[] not null default '{}', "developer" text not null, "publisher" text not null, "release_at" timestamptz not null, "platforms" text[] not null default '{}', "age_rating" integer not null default 0, "service_countries" text[] not null, "download_asset" text null, "preorder_enabled" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "game_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_game_product_id_unique" ON "game" ("product_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_game_handle_unique" ON "game" ("handle") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_game_deleted_at" ON "game" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_game_release_at" ON "game" ("release_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_game_title" ON "game" ("title") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "game_price" ("id" text not null, "currency_code" text not null, "amount" numeric not null, "game_id" text not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "game_price_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_game_price_game_id" ON "game_price" ("game_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_game_price_deleted_at" ON "game_price" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_game_price_game_id_currency_code_unique" ON "game_price" ("game_id", "currency_code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_game_price_currency_code_amount" ON "game_price" ("currency_code", "amount") WHERE deleted_at IS NULL;`);

    // Array filters (genre, tag, country) use && / any(): GIN keeps them indexed as the catalog grows.
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_game_genres_gin" ON "game" USING gin ("genres") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_game_tags_gin" ON "game" USING gin ("tags") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_game_service_countries_gin" ON "game" USING gin ("service_countries") WHERE deleted_at IS NULL;`);
    this.addSql(`alter table if exists "game_price" add constraint "game_price_amount_not_negative" check ("amount" >= 0);`);

    this.addSql(`alter table if exists "game_price" add constraint "game_price_game_id_foreign" foreign key ("game_id") references "game" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "game_price" drop constraint if exists "game_price_game_id_foreign";`);

    this.addSql(`drop table if exists "game" cascade;`);

    this.addSql(`drop table if exists "game_price" cascade;`);
  }

}
