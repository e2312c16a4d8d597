import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202061231 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "residence_change_lift" drop constraint if exists "residence_change_lift_customer_id_unique";`);
    this.addSql(`create table if not exists "residence_change_lift" ("id" text not null, "customer_id" text not null, "created_by" text not null, "reason" text not null, "used_at" timestamptz null, "change_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "residence_change_lift_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_residence_change_lift_deleted_at" ON "residence_change_lift" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_residence_change_lift_customer_id_created_at" ON "residence_change_lift" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_residence_change_lift_customer_id_unique" ON "residence_change_lift" ("customer_id") WHERE used_at IS NULL AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "residence_change" add column if not exists "lift_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "residence_change_lift" cascade;`);

    this.addSql(`alter table if exists "residence_change" drop column if exists "lift_id";`);
  }

}
