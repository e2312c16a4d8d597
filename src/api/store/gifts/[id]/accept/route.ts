import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { acceptGift } from "../../../../../workflows/gift/answer"
import { giftViews } from "../../helpers"

/** The recipient accepts: the game is in their library when this answers. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const gift = await acceptGift(req.scope, req.params.id, req.auth_context.actor_id)
  const [view] = await giftViews(req.scope, [gift], req.auth_context.actor_id)
  res.json({ gift: view })
}
