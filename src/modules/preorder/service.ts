import { InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import Preorder, { PreorderStatus } from "./models/preorder"
import { knexOf } from "../../lib/knex"

class PreorderModuleService extends MedusaService({ Preorder }) {
  /**
   * Moves a pre-order from one status to another only if it is still in the first one: a
   * compare-and-set, so of several parallel refund requests exactly one wins.
   */
  @InjectManager()
  async transition(id: string, from: PreorderStatus, to: PreorderStatus, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    const rows = await knex("preorder")
      .where({ id, status: from })
      .whereNull("deleted_at")
      .update({ status: to, updated_at: knex.fn.now() })
    return rows === 1
  }

  /**
   * Sets saga fields on one pre-order in a single UPDATE, without the read an entity update makes
   * first: the checkout saga's hot path writes the record four times per order.
   */
  @InjectManager()
  async patch(id: string, fields: SagaFields, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    await knex("preorder").where({ id }).whereNull("deleted_at").update({ ...fields, updated_at: knex.fn.now() })
  }

  /** Completed once: a rerun keeps the first completion time. */
  @InjectManager()
  async markCompleted(id: string, @MedusaContext() context: Context = {}) {
    const knex = knexOf(context)
    await knex("preorder")
      .where({ id })
      .whereNot({ status: "completed" })
      .whereNull("deleted_at")
      .update({ status: "completed", completed_at: knex.fn.now(), updated_at: knex.fn.now() })
  }
}

type SagaFields = Partial<{
  order_id: string
  payment_collection_id: string
  payment_id: string
  points_earned: number
}>

export default PreorderModuleService
