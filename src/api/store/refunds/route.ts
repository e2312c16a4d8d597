import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PURCHASE_MODULE } from "../../../modules/purchase"
import type PurchaseModuleService from "../../../modules/purchase/service"
import { refundView } from "./helpers"

/** The player's refunds, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const refunds = await req.scope
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listGameRefunds({ customer_id: req.auth_context.actor_id }, { order: { created_at: "DESC" }, take: 100 })
  res.json({ refunds: refunds.map(refundView) })
}
