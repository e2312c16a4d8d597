import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelGift } from "../../../../../workflows/gift/answer"
import { giftViews } from "../../helpers"

/** The sender takes back a gift not delivered yet: 202, the refund runs in the background. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const gift = await cancelGift(req.scope, req.params.id, req.auth_context.actor_id)
  const [view] = await giftViews(req.scope, [gift], req.auth_context.actor_id)
  res.status(202).json({ gift: view })
}
