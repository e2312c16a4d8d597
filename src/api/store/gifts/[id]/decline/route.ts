import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { declineGift } from "../../../../../workflows/gift/answer"
import { giftViews } from "../../helpers"

/** The recipient declines: 202, the sender's refund runs in the background (the gift shows it). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const gift = await declineGift(req.scope, req.params.id, req.auth_context.actor_id)
  const [view] = await giftViews(req.scope, [gift], req.auth_context.actor_id)
  res.status(202).json({ gift: view })
}
