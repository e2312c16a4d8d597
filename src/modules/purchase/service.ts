import { InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { knexOf } from "../../lib/knex"
import Purchase, { PurchaseStatus } from "./models/purchase"

type SagaFields = Partial<{
  order_id: string
  points_earned: number
  failure_reason: string | null
  failure_message: string | null
}>

class PurchaseModuleService extends MedusaService({ Purchase }) {
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
}

export default PurchaseModuleService
