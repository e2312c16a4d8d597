import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { knexOf } from "../knex"
import PointsAccount from "./models/points-account"
import PointsEntry, { PointsEntryKind } from "./models/points-entry"
import PointsEarnRate from "./models/points-earn-rate"
import { DEFAULT_EARN_RATE } from "./values"

export type PostPointsInput = {
  customer_id: string
  kind: PointsEntryKind
  /** Unsigned size; the kind decides the sign (adjust takes a signed amount). */
  points: number
  idempotency_key: string
  reference_id?: string | null
  reason?: string | null
  created_by?: string | null
}

const SIGN: Record<PointsEntryKind, 1 | -1 | 0> = {
  earn: 1,
  release: 1,
  hold: -1,
  spend: -1,
  clawback: -1,
  adjust: 0,
}


export class InsufficientPointsError extends MedusaError {
  constructor(balance: number, wanted: number) {
    super(
      MedusaError.Types.NOT_ALLOWED,
      `Not enough points: balance ${balance}, needed ${wanted}`,
      "insufficient_points"
    )
  }
}

class PointsModuleService extends MedusaService({ PointsAccount, PointsEntry, PointsEarnRate }) {
  /**
   * Appends one ledger entry and moves the balance in the same transaction. The balance update is
   * guarded (`balance + delta >= 0`) and row-locked, so concurrent spends cannot overdraw; the
   * unique idempotency key makes a repeated post return the first entry without a second effect.
   */
  @InjectTransactionManager()
  async post(input: PostPointsInput, @MedusaContext() context: Context = {}) {
    const amount = SIGN[input.kind] === 0 ? input.points : SIGN[input.kind] * input.points
    if (!Number.isSafeInteger(input.points) || (input.kind !== "adjust" && input.points <= 0) || amount === 0) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Points must be a positive whole number")
    }
    if (!input.idempotency_key) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "An idempotency key is required")
    }
    const knex = knexOf(context)
    const [entry] = await knex("points_entry")
      .insert({
        id: generateEntityId(undefined, "pent"),
        customer_id: input.customer_id,
        kind: input.kind,
        amount,
        reference_id: input.reference_id ?? null,
        idempotency_key: input.idempotency_key,
        reason: input.reason ?? null,
        created_by: input.created_by ?? null,
      })
      .onConflict(knex.raw("(idempotency_key) where deleted_at is null"))
      .ignore()
      .returning("*")

    if (!entry) {
      const [first] = await knex("points_entry").where({ idempotency_key: input.idempotency_key })
      // Stripe's rule: the same key with another request is refused (422), never answered with the first.
      const otherReason = input.kind === "adjust" && (first.reason ?? null) !== (input.reason ?? null)
      if (first.customer_id !== input.customer_id || first.kind !== input.kind || first.amount !== amount || otherReason) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          "This Idempotency-Key was used for another points operation",
          "idempotency_key_reused"
        )
      }
      const [account] = await knex("points_account").where({ customer_id: input.customer_id })
      return { entry: first, balance: Number(account?.balance ?? 0), replayed: true }
    }

    const move = () =>
      knex("points_account")
        .where({ customer_id: input.customer_id })
        .andWhereRaw("balance + ? >= 0", [amount])
        .update({ balance: knex.raw("balance + ?", [amount]), updated_at: knex.fn.now() })
        .returning("balance")
    let [updated] = await move()
    if (!updated) {
      // No account yet (its first entry), or not enough points: make sure it exists, then once more.
      await knex.raw(
        `insert into points_account (id, customer_id, balance) values (?, ?, 0)
         on conflict (customer_id) where deleted_at is null do nothing`,
        [generateEntityId(undefined, "pacc"), input.customer_id]
      )
      ;[updated] = await move()
    }
    if (!updated) {
      const [account] = await knex("points_account").where({ customer_id: input.customer_id })
      throw new InsufficientPointsError(Number(account?.balance ?? 0), -amount)
    }
    return { entry, balance: Number(updated.balance), replayed: false }
  }

  /**
   * Turns points held for a purchase into points spent on it: the hold's release and the spend are
   * appended in one transaction, so the balance never shows the held points as free in between.
   * Keyed like every post: settling twice has no second effect.
   */
  @InjectTransactionManager()
  async settleHold(
    input: { customer_id: string; points: number; idempotency_key: string; reference_id: string; reason?: string | null },
    @MedusaContext() context: Context = {}
  ) {
    const base = { customer_id: input.customer_id, points: input.points, reference_id: input.reference_id, reason: input.reason }
    await this.post({ ...base, kind: "release", idempotency_key: `${input.idempotency_key}:release` }, context)
    return this.post({ ...base, kind: "spend", idempotency_key: input.idempotency_key }, context)
  }

  /**
   * Releases whatever is still held on a reference (a cart whose purchase was undone), under the
   * caller's key: of two undos of the same hold, the second finds nothing held. Returns the points.
   */
  @InjectTransactionManager()
  async releaseHeld(
    input: { customer_id: string; reference_id: string; idempotency_key: string; reason?: string | null },
    @MedusaContext() context: Context = {}
  ) {
    const held = await this.heldFor(input.customer_id, input.reference_id, context)
    if (held <= 0) return 0
    await this.post({ ...input, kind: "release", points: held }, context)
    return held
  }

  @InjectManager()
  async getBalance(customerId: string, @MedusaContext() context: Context = {}) {
    const [account] = await knexOf(context)("points_account")
      .where({ customer_id: customerId })
      .whereNull("deleted_at")
    return Number(account?.balance ?? 0)
  }

  /** Net points an operation (saga) still holds on a reference: holds minus releases. */
  @InjectManager()
  async heldFor(customerId: string, referenceId: string, @MedusaContext() context: Context = {}) {
    const [row] = await knexOf(context)("points_entry")
      .where({ customer_id: customerId, reference_id: referenceId })
      .whereIn("kind", ["hold", "release"])
      .sum({ total: "amount" })
    return 0 - Number(row?.total ?? 0) || 0
  }

  async getEarnRate(regionId: string | null | undefined) {
    if (!regionId) return DEFAULT_EARN_RATE
    const [rate] = await this.listPointsEarnRates({ region_id: regionId }, { take: 1 })
    return rate ? Number(rate.rate) : DEFAULT_EARN_RATE
  }

  async setEarnRate(regionId: string, rate: number) {
    const [existing] = await this.listPointsEarnRates({ region_id: regionId }, { take: 1 })
    return existing
      ? this.updatePointsEarnRates({ id: existing.id, rate })
      : this.createPointsEarnRates({ region_id: regionId, rate })
  }
}

export default PointsModuleService
