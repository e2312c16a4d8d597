import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refundAcceptedGift } from "../../../../../workflows/gift/refund-gift"
import { giftViews } from "../../helpers"

/**
 * The recipient of an accepted gift gives it back under the refund policy: 202, the sender's
 * refund runs in the background and the gift turns `refunded` when it is through.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const gift = await refundAcceptedGift(req.scope, req.params.id, req.auth_context.actor_id)
  const [view] = await giftViews(req.scope, [gift], req.auth_context.actor_id)
  res.status(202).json({ gift: view })
}
