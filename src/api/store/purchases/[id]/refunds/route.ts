import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import { PURCHASE_MODULE } from "../../../../../modules/purchase"
import type PurchaseModuleService from "../../../../../modules/purchase/service"
import type { StoreRefundBody } from "../../../../utils/validators"
import { refundFromRequest } from "../../../refunds/helpers"

/** The same refund request as POST /store/orders/:id/refunds, for the order of a purchase. */
export const POST = async (req: AuthenticatedMedusaRequest<z.infer<typeof StoreRefundBody>>, res: MedusaResponse) => {
  const [purchase] = await req.scope
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listPurchases({ id: req.params.id, customer_id: req.auth_context.actor_id }, { select: ["id", "order_id", "status"], take: 1 })
  if (!purchase) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Purchase '${req.params.id}' not found`)
  if (!purchase.order_id) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `A ${purchase.status} purchase cannot be refunded`, "not_refundable")
  }
  const refund = await refundFromRequest(req.scope, {
    customer_id: req.auth_context.actor_id,
    order_id: purchase.order_id,
    game_ids: req.validatedBody.game_ids,
    key: req.headers["idempotency-key"],
  })
  res.status(202).json({ refund })
}
