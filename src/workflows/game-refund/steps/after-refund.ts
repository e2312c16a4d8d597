import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../faults"
import { announceSettled } from "../../settlement"
import { LIBRARY_MODULE } from "../../../modules/library"
import type LibraryModuleService from "../../../modules/library/service"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"
import { PURCHASE_MODULE } from "../../../modules/purchase"
import type PurchaseModuleService from "../../../modules/purchase/service"
import { refundKeys } from "../keys"
import { giftRefunded } from "../../gift/refund-gift"
import type { OpenRefund } from "./open-refund"

/** Refund step 5 (after the pivot, retried, once per refund): the earned points taken back. */
export const clawbackRefundPointsStep = createStep(
  "clawback-refund-points",
  withFaults("clawback-refund-points", async (input: { refund: OpenRefund; points: number }, { container }) => {
    if (input.points > 0) {
      await container.resolve<PointsModuleService>(POINTS_MODULE).post({
        customer_id: input.refund.customer_id,
        kind: "clawback",
        points: input.points,
        idempotency_key: refundKeys.clawback(input.refund.refund_id),
        reference_id: input.refund.refund_id,
        reason: "refund: earned points taken back",
      })
    }
    return new StepResponse({ clawed_back: Math.max(0, input.points) })
  })
)

/**
 * Refund step 6 (after the pivot, retried): the games leave the library, the refund is marked
 * refunded with Medusa's refund of the payment, and a purchase whose every game is refunded is
 * marked refunded. The Medusa order stays as it is: its payment shows the refund.
 */
export const finishRefundStep = createStep(
  "finish-game-refund",
  withFaults("finish-game-refund", async (input: { refund: OpenRefund; payment_refund_id: string | null }, { container }) => {
    const r = input.refund
    await container.resolve<LibraryModuleService>(LIBRARY_MODULE).revokeGames(r.order_id, r.games.map((g) => g.game_id), "refunded")
    const refunds = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
    await refunds.settleRefundAttempt(r.refund_id, r.attempt, "refunded", {
      refunded_at: new Date(),
      payment_refund_id: input.payment_refund_id,
    })
    if (r.purchase_id) {
      const [purchase] = await refunds.listPurchases({ id: r.purchase_id }, { select: ["id", "items"], take: 1 })
      const done = await refunds.listGameRefunds({ order_id: r.order_id, status: "refunded" }, { select: ["games"] })
      const refunded = new Set(done.flatMap((d) => (d.games as unknown as { game_id: string }[]).map((g) => g.game_id)))
      const all = ((purchase?.items ?? []) as unknown as { game_id: string }[]).every((g) => refunded.has(g.game_id))
      if (purchase && all) await refunds.transition(purchase.id, ["completed"], "refunded")
    }
    await giftRefunded(container, r.refund_id)
    announceSettled(r.refund_id)
    return new StepResponse({ refund_id: r.refund_id })
  })
)
