import { InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { knexOf } from "../knex"
import Purchase, { PurchaseStatus } from "./models/purchase"
import GameRefund from "./models/game-refund"

type SagaFields = Partial<{
  order_id: string
  points_earned: number
  failure_reason: string | null
  failure_message: string | null
  payment_instructions: Record<string, unknown> | null
  payment_due_at: Date | null
}>

class PurchaseModuleService extends MedusaService({ Purchase, GameRefund }) {
  /** Sets saga fields in one UPDATE, without the read an entity update makes first. */
  @InjectManager()
  async patch(id: string, fields: SagaFields, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    await knex("purchase").where({ id }).whereNull("deleted_at").update({ ...fields, updated_at: knex.fn.now() })
  }

  /**
   * Moves a purchase from one of `from` to `to`, only if it is still there: a compare-and-set, so a
   * settled purchase is never moved back and two settlers cannot both win. Returns whether it moved.
   */
  @InjectManager()
  async transition(
    id: string,
    from: PurchaseStatus[],
    to: PurchaseStatus,
    extra: SagaFields & { completed_at?: Date } = {},
    @MedusaContext() context: Context = {}
  ) {
    const knex = knexOf(context)
    const rows = await knex("purchase")
      .where({ id })
      .whereIn("status", from)
      .whereNull("deleted_at")
      .update({ ...extra, status: to, updated_at: knex.fn.now() })
    return rows === 1
  }

  /**
   * Starts another attempt at a failed refund: back to refunding and the attempt counted in the
   * same UPDATE, so no crash can leave one without the other. Returns the attempt, or null when
   * the refund was not failed (someone else started it, or it went through).
   */
  @InjectManager()
  async beginRefundAttempt(id: string, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    const [row] = await knex("game_refund")
      .where({ id, status: "failed" })
      .whereNull("deleted_at")
      .update({
        status: "refunding",
        attempts: knex.raw("attempts + 1"),
        failure_reason: null,
        failure_message: null,
        retry_at: null,
        updated_at: knex.fn.now(),
      })
      .returning(["attempts"])
    return row ? (row.attempts as number) : null
  }

  /** Ends the running attempt of a refund (compare-and-set on refunding), with what it found. */
  @InjectManager()
  async settleRefundAttempt(
    id: string,
    attempt: number,
    to: "refunded" | "failed",
    extra: Record<string, unknown>,
    @MedusaContext() context: Context = {}
  ) {
    const knex = knexOf(context)
    const rows = await knex("game_refund")
      .where({ id, status: "refunding", attempts: attempt })
      .whereNull("deleted_at")
      .update({ ...extra, status: to, updated_at: knex.fn.now() })
    return rows === 1
  }
}

export default PurchaseModuleService
