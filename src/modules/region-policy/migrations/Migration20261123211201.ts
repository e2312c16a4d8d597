import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123211201 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "customer_residence" drop constraint if exists "customer_residence_customer_id_unique";`);
    this.addSql(`create table if not exists "customer_residence" ("id" text not null, "customer_id" text not null, "country_code" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_residence_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_customer_residence_customer_id_unique" ON "customer_residence" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_residence_deleted_at" ON "customer_residence" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "residence_change" ("id" text not null, "customer_id" text not null, "from_country" text null, "to_country" text not null, "reason" text null, "source" text check ("source" in ('signup', 'customer', 'admin')) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "residence_change_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_residence_change_deleted_at" ON "residence_change" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_residence_change_customer_id_created_at" ON "residence_change" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "customer_residence" cascade;`);

    this.addSql(`drop table if exists "residence_change" cascade;`);
  }

}
