import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202113801 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "friendship" drop constraint if exists "friendship_customer_a_customer_b_unique";`);
    this.addSql(`alter table if exists "friend_request" drop constraint if exists "friend_request_from_customer_id_to_email_unique";`);
    this.addSql(`alter table if exists "friend_request" drop constraint if exists "friend_request_from_customer_id_to_customer_id_unique";`);
    this.addSql(`alter table if exists "friend_block" drop constraint if exists "friend_block_blocker_id_blocked_id_unique";`);
    this.addSql(`create table if not exists "friend_block" ("id" text not null, "blocker_id" text not null, "blocked_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "friend_block_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_friend_block_deleted_at" ON "friend_block" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_friend_block_blocker_id_blocked_id_unique" ON "friend_block" ("blocker_id", "blocked_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_friend_block_blocked_id" ON "friend_block" ("blocked_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "friend_request" ("id" text not null, "from_customer_id" text not null, "to_customer_id" text null, "to_email" text null, "status" text check ("status" in ('pending', 'accepted', 'declined', 'cancelled')) not null default 'pending', "answered_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "friend_request_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_friend_request_deleted_at" ON "friend_request" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_friend_request_from_customer_id_to_customer_id_unique" ON "friend_request" ("from_customer_id", "to_customer_id") WHERE status = 'pending' AND to_customer_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_friend_request_from_customer_id_to_email_unique" ON "friend_request" ("from_customer_id", "to_email") WHERE status = 'pending' AND to_email IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_friend_request_to_customer_id_status" ON "friend_request" ("to_customer_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_friend_request_to_email_status" ON "friend_request" ("to_email", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_friend_request_from_customer_id_created_at" ON "friend_request" ("from_customer_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "friendship" ("id" text not null, "customer_a" text not null, "customer_b" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "friendship_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_friendship_deleted_at" ON "friendship" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_friendship_customer_a_customer_b_unique" ON "friendship" ("customer_a", "customer_b") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_friendship_customer_b" ON "friendship" ("customer_b") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "friend_block" cascade;`);

    this.addSql(`drop table if exists "friend_request" cascade;`);

    this.addSql(`drop table if exists "friendship" cascade;`);
  }

}
