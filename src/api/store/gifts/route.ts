import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requiredIdempotencyKey } from "../../utils/idempotency-key"
import { GIFT_MODULE } from "../../../modules/gift"
import type GiftModuleService from "../../../modules/gift/service"
import { startGift } from "../../../workflows/gift/start-gift"
import { giftViews } from "./helpers"

/**
 * Buys a game as a gift for a friend: 202 and the gift, paid by the purchase saga in the
 * background (GET /store/gifts/:id follows it). Same Idempotency-Key and body → the same gift.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const key = requiredIdempotencyKey(req)
  const salesChannels = (req as any).publishable_key_context?.sales_channel_ids as string[] | undefined
  const { gift } = await startGift(req.scope, {
    sender_id: req.auth_context.actor_id,
    idempotency_key: key,
    sales_channel_id: salesChannels?.[0] ?? null,
    body: req.validatedBody as any,
  })
  const [view] = await giftViews(req.scope, [gift], req.auth_context.actor_id)
  res.status(202).json({ gift: view })
}

/** The player's sent gifts (every state) or received ones (delivered to them), newest first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { box, limit, offset } = req.validatedQuery as { box: "sent" | "received"; limit: number; offset: number }
  const me = req.auth_context.actor_id
  const filters = box === "sent" ? { sender_id: me } : { recipient_id: me, delivered_at: { $ne: null } }
  const [gifts, count] = await req.scope
    .resolve<GiftModuleService>(GIFT_MODULE)
    .listAndCountGifts(filters as any, { order: { created_at: "DESC" }, skip: offset, take: limit })
  res.json({ gifts: await giftViews(req.scope, gifts, me), count, limit, offset })
}
