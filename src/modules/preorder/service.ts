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
}

export default PreorderModuleService
