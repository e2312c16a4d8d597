import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { GIFT_REFUND_PREFIX } from "../../gift/keys"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { withFaults } from "../../faults"
import { GAME_MODULE } from "../../../modules/game"
import type GameModuleService from "../../../modules/game/service"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"
import { PURCHASE_MODULE } from "../../../modules/purchase"
import type PurchaseModuleService from "../../../modules/purchase/service"
import { pointsOnCart } from "../../purchase/cart-rules"
import { purchaseKeys } from "../../purchase/keys"
import { refundKeys } from "../keys"
import { RefundShare, refundShare } from "../shares"

export type RefundGame = { game_id: string; title: string; line_item_id: string; total: number }

export type OpenRefund = {
  refund_id: string
  attempt: number
  customer_id: string
  order_id: string
  purchase_id: string | null
  email: string | null
  currency_code: string
  games: RefundGame[]
  /** A gift's refund: the money goes back to its sender, who never had the game in their library. */
  gift: boolean
  /** The captured payment the cash goes back to (null: the order was paid with points alone). */
  payment_id: string | null
  share: RefundShare
}

export const ORDER_FIELDS = [
  "id",
  // Asking for the total makes the order module compute the lines' totals as well.
  "total",
  "customer_id",
  "email",
  "currency_code",
  "items.product_id",
  "items.total",
  "credit_lines.reference",
  "credit_lines.metadata",
  "payment_collections.payments.id",
  "payment_collections.payments.canceled_at",
  "payment_collections.payments.captures.amount",
]

/**
 * Refund step 1: the refund and its order read once for the saga. The refund's share of what the
 * order took (cash, points spent, points earned) is fixed on its first attempt and kept for every
 * retry, so the shares of all refunds of an order always add up to what was paid.
 */
export const openRefundStep = createStep(
  "open-game-refund",
  withFaults("open-game-refund", async (input: { refund_id: string; attempt: number }, { container }) => {
    const refunds = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
    const refund = await refunds.retrieveGameRefund(input.refund_id)
    if (refund.status !== "refunding" || refund.attempts !== input.attempt) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Refund attempt ${input.attempt} of ${refund.id} is not running`, "refund_not_running")
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [order] } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: refund.order_id } })
    if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order '${refund.order_id}' not found`)
    const o = order as any
    const games = refund.games as unknown as RefundGame[]
    const payments = ((o.payment_collections ?? []) as any[]).flatMap((c) => c.payments ?? []).filter((p) => !p.canceled_at)
    const captured = payments.filter((p) => (p.captures ?? []).length)
    const cash = captured.reduce((sum, p) => sum + (p.captures as any[]).reduce((s, c) => s + Number(c.amount), 0), 0)

    let share: RefundShare
    if (refund.cash_share !== null && refund.cash_share !== undefined) {
      share = {
        cash: Number(refund.cash_share),
        points_spent: refund.points_restored,
        points_earned: refund.points_clawed_back + refund.shortfall_points,
      }
    } else {
      const [earned] = await container
        .resolve<PointsModuleService>(POINTS_MODULE)
        .listPointsEntries({ idempotency_key: purchaseKeys.earn(o.id) }, { select: ["amount"], take: 1 })
      const others = (await refunds.listGameRefunds({ order_id: o.id }, { take: 100 })).filter((r) => r.id !== refund.id)
      share = refundShare({
        currency_code: o.currency_code,
        lines: await gameLines(container, o.items ?? []),
        paid: { cash, points_spent: pointsOnCart(o), points_earned: Number(earned?.amount ?? 0) },
        game_ids: games.map((g) => g.game_id),
        others: others.map((r) => ({
          game_ids: (r.games as unknown as RefundGame[]).map((g) => g.game_id),
          share:
            r.cash_share === null || r.cash_share === undefined
              ? null
              : { cash: Number(r.cash_share), points_spent: r.points_restored, points_earned: r.points_clawed_back + r.shortfall_points },
        })),
      })
      await refunds.updateGameRefunds({
        id: refund.id,
        cash_share: share.cash,
        points_restored: share.points_spent,
        points_clawed_back: share.points_earned,
        shortfall_points: 0,
      })
    }
    const opened: OpenRefund = {
      refund_id: refund.id,
      attempt: input.attempt,
      customer_id: refund.customer_id,
      order_id: refund.order_id,
      purchase_id: refund.purchase_id ?? null,
      email: o.email ?? null,
      currency_code: refund.currency_code,
      games,
      gift: refund.idempotency_key?.startsWith(GIFT_REFUND_PREFIX) ?? false,
      payment_id: captured[0]?.id ?? null,
      share,
    }
    return new StepResponse(opened, { refund_id: refund.id, attempt: input.attempt, customer_id: refund.customer_id })
  }),
  // The first step's compensation runs last when an attempt is undone. A later step that failed
  // after its effect is not compensated by Medusa (only finished steps are), so the points this
  // attempt restored are spent again here, under the same key as that step's own reversal: once.
  async (undo, { container }) => {
    if (!undo) return
    const points = container.resolve<PointsModuleService>(POINTS_MODULE)
    const key = refundKeys.restore(undo.refund_id, undo.attempt)
    const [restored] = await points.listPointsEntries({ idempotency_key: key }, { select: ["amount"], take: 1 })
    if (!restored) return
    await points.post({
      customer_id: undo.customer_id,
      kind: "spend",
      points: restored.amount,
      idempotency_key: `${key}:reversal`,
      reference_id: undo.refund_id,
      reason: "refund undone: restored points spent again",
    })
  }
)

/** The order's lines as games: product → game, with what each line cost. */
async function gameLines(container: MedusaContainer, items: any[]) {
  const games = await container.resolve<GameModuleService>(GAME_MODULE).listGames({ product_id: items.map((i) => i.product_id) }, { select: ["id", "product_id"] })
  const byProduct = new Map(games.map((g) => [g.product_id, g.id]))
  return items.filter((i) => byProduct.has(i.product_id)).map((i) => ({ game_id: byProduct.get(i.product_id)!, total: Number(i.total) }))
}
