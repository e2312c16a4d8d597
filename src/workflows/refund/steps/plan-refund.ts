import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"
import { pointsToCash } from "../../../modules/points/values"
import { PREORDER_MODULE } from "../../../modules/preorder"
import type PreorderModuleService from "../../../modules/preorder/service"

/**
 * The shortfall rule (docs/ARCHITECTURE.md): earned points the player has already spent cannot be clawed
 * back without a negative balance, so their value is deducted from the cash refund instead.
 * Computed after spent points are restored, before the payment refund.
 */
export const planRefundStep = createStep(
  "plan-refund",
  withFaults("plan-refund", async (input: { preorder_id: string }, { container }) => {
    const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
    const record = await preorders.retrievePreorder(input.preorder_id)
    if (record.refund_amount !== null && record.refund_amount !== undefined) {
      return new StepResponse({
        refund_amount: Number(record.refund_amount),
        clawback_points: record.points_earned - record.refund_shortfall_points,
      })
    }
    const balance = await container.resolve<PointsModuleService>(POINTS_MODULE).getBalance(record.customer_id)
    const shortfall = Math.max(0, record.points_earned - balance)
    const cash = Number(record.cash_amount)
    const refund = Math.max(0, Math.round((cash - pointsToCash(shortfall, record.currency_code)) * 100) / 100)
    await preorders.updatePreorders({ id: record.id, refund_amount: refund, refund_shortfall_points: shortfall })
    return new StepResponse({ refund_amount: refund, clawback_points: record.points_earned - shortfall })
  })
)
