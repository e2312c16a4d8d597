import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { GAME_MODULE } from "../../../modules/game"
import type GameModuleService from "../../../modules/game/service"
import { LIBRARY_MODULE } from "../../../modules/library"
import type LibraryModuleService from "../../../modules/library/service"
import { PREORDER_MODULE } from "../../../modules/preorder"
import type PreorderModuleService from "../../../modules/preorder/service"
import { refundDecision } from "../../../lib/refund-policy"

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
  const preorders = orderIds.length
    ? await req.scope.resolve<PreorderModuleService>(PREORDER_MODULE).listPreorders({ order_id: orderIds })
    : []
  const preorderByOrder = new Map(preorders.map((p) => [p.order_id, p]))
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
        status: released ? "downloadable" : "preordered",
        play_minutes: e.play_minutes,
        acquired_at: e.created_at,
        preorder_id: preorderByOrder.get(e.order_id!)?.id ?? null,
        refund: game
          ? preorderByOrder.get(e.order_id!)?.status === "completed"
            ? refundDecision({ release_at: game.release_at, purchased_at: e.created_at, play_minutes: e.play_minutes, now })
            : { allowed: false, reason: "not_refundable" }
          : null,
      }
    }),
  })
}
