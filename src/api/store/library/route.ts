import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { GAME_MODULE } from "../../../modules/game"
import type GameModuleService from "../../../modules/game/service"
import { LIBRARY_MODULE } from "../../../modules/library"
import type LibraryModuleService from "../../../modules/library/service"
import { PURCHASE_MODULE } from "../../../modules/purchase"
import type PurchaseModuleService from "../../../modules/purchase/service"
import { GIFT_MODULE } from "../../../modules/gift"
import type GiftModuleService from "../../../modules/gift/service"
import { refundDecision } from "../../../workflows/game-refund/policy"

/** The player's games: owned (active) entitlements with their game and release state. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const entitlements = await req.scope
    .resolve<LibraryModuleService>(LIBRARY_MODULE)
    .listEntitlements({ customer_id: req.auth_context.actor_id, status: "active" }, { order: { created_at: "DESC" } })
  const games = entitlements.length
    ? await req.scope
        .resolve<GameModuleService>(GAME_MODULE)
        .listGames({ id: entitlements.map((e) => e.game_id) }, { select: ["id", "title", "handle", "release_at"] })
    : []
  const byId = new Map(games.map((g) => [g.id, g]))
  const orderIds = entitlements.map((e) => e.order_id).filter(Boolean) as string[]
  // A game whose refund is under way (or failed and waiting for its retry) is not offered again.
  const refunds = orderIds.length
    ? await req.scope
        .resolve<PurchaseModuleService>(PURCHASE_MODULE)
        .listGameRefunds({ order_id: orderIds, status: ["refunding", "failed"] }, { select: ["order_id", "games", "status"] })
    : []
  // A gift is given back through the gift (its order is the sender's).
  const giftOrders = entitlements.filter((e) => e.source === "gift" && e.order_id).map((e) => e.order_id as string)
  const gifts = giftOrders.length
    ? await req.scope
        .resolve<GiftModuleService>(GIFT_MODULE)
        .listGifts({ order_id: giftOrders, recipient_id: req.auth_context.actor_id }, { select: ["id", "order_id", "game_id"] })
    : []
  const giftOf = new Map(gifts.map((g) => [`${g.order_id}:${g.game_id}`, g.id]))
  const refunding = new Set(refunds.flatMap((r) => ((r.games ?? []) as unknown as { game_id: string }[]).map((g) => `${r.order_id}:${g.game_id}`)))
  const now = new Date()
  res.json({
    library: entitlements.map((e) => {
      const game = byId.get(e.game_id)
      const released = !!game && new Date(game.release_at) <= now
      return {
        id: e.id,
        game_id: e.game_id,
        title: game?.title ?? null,
        handle: game?.handle ?? null,
        release_at: game?.release_at ?? null,
        source: e.source,
        order_id: e.order_id,
        gift_id: giftOf.get(`${e.order_id}:${e.game_id}`) ?? null,
        status: released ? "downloadable" : "preordered",
        play_minutes: e.play_minutes,
        acquired_at: e.created_at,
        refund: !game
          ? null
          : !e.order_id
            ? { allowed: false, reason: "not_refundable" }
            : refunding.has(`${e.order_id}:${e.game_id}`)
              ? { allowed: false, reason: "refund_in_progress" }
              : refundDecision({ release_at: game.release_at, purchased_at: e.created_at, play_minutes: e.play_minutes, now }),
      }
    }),
  })
}
