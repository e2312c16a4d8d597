import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../faults"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"
import { pointsToCash } from "../../../modules/points/values"
import { PURCHASE_MODULE } from "../../../modules/purchase"
import type PurchaseModuleService from "../../../modules/purchase/service"
import type { OpenRefund } from "./open-refund"

export type RefundPlan = { amount: number; clawback_points: number; shortfall_points: number }

/**
 * Refund step 3, the shortfall rule: earned points the player has spent already cannot be taken
 * back without a negative balance, so their value is kept from the cash refund instead. Planned
 * once per attempt, after the spent points are back, before the payment is refunded.
 */
export const planRefundCashStep = createStep(
  "plan-refund-cash",
  withFaults("plan-refund-cash", async (input: { refund: OpenRefund }, { container }) => {
    const r = input.refund
    const refunds = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
    const stored = await refunds.retrieveGameRefund(r.refund_id)
    if (stored.planned_attempt === r.attempt && stored.amount !== null && stored.amount !== undefined) {
      return new StepResponse<RefundPlan>({
        amount: Number(stored.amount),
        clawback_points: stored.points_clawed_back,
        shortfall_points: stored.shortfall_points,
      })
    }
    const balance = await container.resolve<PointsModuleService>(POINTS_MODULE).getBalance(r.customer_id)
    const shortfall = Math.max(0, r.share.points_earned - balance)
    // The share is in the currency's unit already (or the exact remainder); so is the points' value.
    const amount = Math.max(0, Math.round((r.share.cash - pointsToCash(shortfall, r.currency_code)) * 1e6) / 1e6)
    const plan: RefundPlan = { amount, clawback_points: r.share.points_earned - shortfall, shortfall_points: shortfall }
    await refunds.updateGameRefunds({
      id: r.refund_id,
      planned_attempt: r.attempt,
      amount,
      points_clawed_back: plan.clawback_points,
      shortfall_points: shortfall,
    })
    return new StepResponse(plan)
  })
)
