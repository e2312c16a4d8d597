import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { GIFT_MODULE } from "../../../../modules/gift"
import type GiftModuleService from "../../../../modules/gift/service"
import { giftViews, visibleGift } from "../helpers"

/** One gift with its history (what changed, when and why); only its sender and its recipient see it. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const me = req.auth_context.actor_id
  const gift = await visibleGift(req.scope, req.params.id, me)
  const events = await req.scope
    .resolve<GiftModuleService>(GIFT_MODULE)
    .listGiftEvents({ gift_id: gift.id }, { select: ["from_state", "to_state", "cause", "created_at"], order: { created_at: "ASC" } })
  const [view] = await giftViews(req.scope, [gift], me)
  // The recipient's history starts at delivery: what the sender did before is theirs.
  const history = events
    .filter((e) => gift.sender_id === me || !["paying", "scheduled", "failed"].includes(e.to_state))
    .map((e) => ({ from: e.from_state, to: e.to_state, cause: e.cause, at: e.created_at }))
  res.json({ gift: { ...view, history } })
}
