import type { Knex } from "@mikro-orm/knex"
import { randomUUID } from "crypto"

export type GatewayResult = Record<string, unknown> & { status: string }

/**
 * The sandbox's stand-in for an external payment gateway. Its own tables hold the charges and the
 * first response to every idempotency key, so a repeated call (a retry, a resumed saga, a second
 * process) gets the first result back and money moves at most once, across restarts too.
 */
export class SandboxGateway {
  private ready: Promise<void> | null = null

  constructor(private readonly db: Knex) {}

  private static shared = new WeakMap<object, SandboxGateway>()

  /** One gateway per database connection, so its tables are made once per process. */
  static for(db: Knex): SandboxGateway {
    if (!db) return new SandboxGateway(db)
    let gateway = SandboxGateway.shared.get(db)
    if (!gateway) SandboxGateway.shared.set(db, (gateway = new SandboxGateway(db)))
    return gateway
  }

  private ensureTables() {
    this.ready ??= this.createTables().catch((e) => {
      this.ready = null
      throw e
    })
    return this.ready
  }

  private async createTables() {
    // "create table if not exists" is not safe when two sessions run it at once (PostgreSQL's
    // catalog raises a unique violation); a transaction-scoped advisory lock makes them take turns.
    await this.db.transaction(async (trx) => {
      await trx.raw("select pg_advisory_xact_lock(hashtext('kstore.sandbox_gateway_tables'))")
      await this.createTablesOnce(trx)
    })
  }

  private async createTablesOnce(db: Knex) {
    await db.raw(`create table if not exists sandbox_gateway_charge (
        id text primary key,
        amount numeric not null check (amount >= 0),
        currency_code text not null,
        method text not null,
        country text,
        status text not null,
        captured numeric not null default 0,
        refunded numeric not null default 0,
        created_at timestamptz not null default now(),
        check (captured <= amount and refunded <= captured)
      )`)
    await db.raw(`create table if not exists sandbox_gateway_request (
        idempotency_key text primary key,
        operation text not null,
        response jsonb not null,
        created_at timestamptz not null default now()
      )`)
  }

  /**
   * Runs `fn` with the tables in place; when they went away under us (a database restored from a
   * snapshot) it makes them again and retries once.
   */
  private async withTables<T>(fn: () => Promise<T>): Promise<T> {
    await this.ensureTables()
    try {
      return await fn()
    } catch (e: any) {
      if (e?.code !== "42P01") throw e
      this.ready = null
      await this.ensureTables()
      return fn()
    }
  }

  /**
   * Runs `work` once per idempotency key inside one transaction; the key row is written first, so
   * a concurrent call with the same key waits for it and then reads the stored response.
   */
  once(callerKey: string, operation: string, work: (trx: Knex.Transaction) => Promise<GatewayResult>) {
    return this.withTables(() => this.onceInner(callerKey, operation, work))
  }

  private async onceInner(callerKey: string, operation: string, work: (trx: Knex.Transaction) => Promise<GatewayResult>) {
    // Medusa reuses one key across operations of a session (create, then authorize): scope it.
    const key = `${operation}:${callerKey}`
    return this.db.transaction(async (trx) => {
      const inserted = await trx.raw(
        `insert into sandbox_gateway_request (idempotency_key, operation, response) values (?, ?, '{}'::jsonb)
         on conflict (idempotency_key) do nothing returning idempotency_key`,
        [key, operation]
      )
      if (!inserted.rows.length) {
        const [row] = await trx("sandbox_gateway_request").where({ idempotency_key: key })
        return { ...(row.response as GatewayResult), replayed: true }
      }
      const response = await work(trx)
      await trx("sandbox_gateway_request")
        .where({ idempotency_key: key })
        .update({ response: JSON.stringify(response) })
      return response
    })
  }

  createCharge(key: string, input: { amount: number; currency_code: string; method: string; country: string | null; status: string }) {
    return this.once(key, "create", async (trx) => {
      const id = `sbx_${randomUUID().replace(/-/g, "")}`
      await trx("sandbox_gateway_charge").insert({ id, ...input })
      return { status: input.status, charge_id: id }
    })
  }

  setStatus(key: string, chargeId: string, status: string) {
    return this.once(key, `status:${status}`, async (trx) => {
      await trx("sandbox_gateway_charge").where({ id: chargeId }).update({ status })
      return { status, charge_id: chargeId }
    })
  }

  /** The payer paid (or the bank refused) an asynchronous charge; once per charge. */
  settleAsync(chargeId: string, outcome: "paid" | "failed") {
    return this.once(`settle:${chargeId}`, "settle", async (trx) => {
      const [charge] = await trx("sandbox_gateway_charge").where({ id: chargeId }).forUpdate()
      if (!charge) return { status: "failed", reason: "unknown_charge" }
      if (charge.status !== "pending") return { status: charge.status, charge_id: chargeId, amount: Number(charge.amount) }
      const update = outcome === "paid" ? { status: "captured", captured: charge.amount } : { status: "declined" }
      await trx("sandbox_gateway_charge").where({ id: chargeId }).update(update)
      return { status: update.status, charge_id: chargeId, amount: Number(charge.amount) }
    })
  }

  capture(key: string, chargeId: string) {
    return this.once(key, "capture", async (trx) => {
      const [charge] = await trx("sandbox_gateway_charge").where({ id: chargeId }).forUpdate()
      if (!charge) return { status: "failed", reason: "unknown_charge" }
      if (Number(charge.captured) > 0) return { status: "captured", charge_id: chargeId, amount: Number(charge.captured) }
      await trx("sandbox_gateway_charge").where({ id: chargeId }).update({ captured: charge.amount, status: "captured" })
      return { status: "captured", charge_id: chargeId, amount: Number(charge.amount) }
    })
  }

  refund(key: string, chargeId: string, amount: number) {
    if (!Number.isFinite(amount) || amount <= 0) throw new Error(`Invalid refund amount ${amount}`)
    return this.once(key, "refund", async (trx) => {
      const [charge] = await trx("sandbox_gateway_charge").where({ id: chargeId }).forUpdate()
      if (!charge) return { status: "failed", reason: "unknown_charge" }
      const left = Number(charge.captured) - Number(charge.refunded)
      if (amount > left + 1e-9) return { status: "failed", reason: "exceeds_captured", refundable: left }
      await trx("sandbox_gateway_charge")
        .where({ id: chargeId })
        .update({ refunded: trx.raw("refunded + ?", [amount]) })
      return { status: "refunded", charge_id: chargeId, amount }
    })
  }

  /** The charge a `createCharge` call with this key made, or null when there was none. */
  chargeFor(key: string): Promise<Record<string, any> | null> {
    return this.withTables(async () => {
      const [row] = await this.db("sandbox_gateway_request").where({ idempotency_key: `create:${key}` })
      const chargeId = (row?.response as any)?.charge_id
      if (!chargeId) return null
      const [charge] = await this.db("sandbox_gateway_charge").where({ id: chargeId })
      return charge ?? null
    })
  }

  charge(chargeId: string): Promise<Record<string, any> | null> {
    return this.withTables(async () => {
      const [row] = await this.db("sandbox_gateway_charge").where({ id: chargeId })
      return row ?? null
    })
  }
}
