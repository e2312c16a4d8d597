import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../../../modules/game"
import type GameModuleService from "../../../modules/game/service"
import { PURCHASE_MODULE } from "../../../modules/purchase"
import type PurchaseModuleService from "../../../modules/purchase/service"
import { withFaults } from "../../faults"
import { pointsOnCart } from "../cart-rules"

export type PurchasedGame = { game_id: string; title: string; release_at: string; preorder: boolean; total: number }

export type PlacedOrder = {
  order_id: string
  cart_id: string | null
  purchase_id: string | null
  /** A gift purchase: the games go to the gift's recipient when they accept. */
  gift_id: string | null
  customer_id: string
  email: string | null
  region_id: string
  currency_code: string
  total: number
  points_used: number
  cash_amount: number
  payments: { id: string; amount: number; captured: boolean; canceled: boolean }[]
  /** A session whose provider authorizes later (konbini, Pix, SEPA): the order waits for its webhook. */
  deferred_session: { id: string; provider_id: string; data: Record<string, any> } | null
  games: PurchasedGame[]
}

const ORDER_FIELDS = [
  "id",
  "customer_id",
  "email",
  "region_id",
  "currency_code",
  "total",
  "created_at",
  "items.product_id",
  "items.total",
  "credit_lines.reference",
  "credit_lines.amount",
  "credit_lines.metadata",
  "cart.id",
  "payment_collections.payments.id",
  "payment_collections.payments.amount",
  "payment_collections.payments.captured_at",
  "payment_collections.payments.canceled_at",
  "payment_collections.payment_sessions.id",
  "payment_collections.payment_sessions.status",
  "payment_collections.payment_sessions.provider_id",
  "payment_collections.payment_sessions.data",
]

/**
 * Reads a placed order once for the steps after the pivot: its games, who bought them, the points
 * its credit line paid and its payments. A game counts as a pre-order when it was not yet released
 * when the order was placed.
 */
export const loadPlacedOrderStep = createStep(
  "load-placed-order",
  withFaults("load-placed-order", async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [order] } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: input.order_id } })
    if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order '${input.order_id}' not found`)
    const o = order as any
    const items = (o.items ?? []) as any[]
    const games = await container
      .resolve<GameModuleService>(GAME_MODULE)
      .listGames({ product_id: items.map((i) => i.product_id) }, { select: ["id", "title", "product_id", "release_at"] })
    const byProduct = new Map(games.map((g) => [g.product_id, g]))
    const placedAt = new Date(o.created_at).getTime()
    const cartId = o.cart?.id ?? null
    const [purchase] = cartId
      ? await container.resolve<PurchaseModuleService>(PURCHASE_MODULE).listPurchases({ cart_id: cartId }, { select: ["id", "gift_id"], take: 1 })
      : []
    const payments = ((o.payment_collections ?? []) as any[]).flatMap((c) => c.payments ?? [])
    const deferred = payments.length
      ? null
      : ((o.payment_collections ?? []) as any[]).flatMap((c) => c.payment_sessions ?? []).find((s) => s.status === "pending_authorization")
    const placed: PlacedOrder = {
      order_id: o.id,
      cart_id: cartId,
      purchase_id: purchase?.id ?? null,
      gift_id: purchase?.gift_id ?? null,
      customer_id: o.customer_id,
      email: o.email ?? null,
      region_id: o.region_id,
      currency_code: o.currency_code,
      total: Number(o.total),
      points_used: pointsOnCart(o),
      cash_amount: payments.filter((p) => !p.canceled_at).reduce((sum, p) => sum + Number(p.amount), 0),
      payments: payments.map((p) => ({ id: p.id, amount: Number(p.amount), captured: !!p.captured_at, canceled: !!p.canceled_at })),
      deferred_session: deferred ? { id: deferred.id, provider_id: deferred.provider_id, data: deferred.data ?? {} } : null,
      games: items.flatMap((i) => {
        const game = byProduct.get(i.product_id)
        if (!game) return []
        const release = new Date(game.release_at)
        return [{ game_id: game.id, title: game.title, release_at: release.toISOString(), preorder: release.getTime() > placedAt, total: Number(i.total) }]
      }),
    }
    return new StepResponse(placed)
  })
)
