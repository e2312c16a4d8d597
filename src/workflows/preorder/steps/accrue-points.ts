import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"
import { pointsEarned } from "../../../modules/points/values"
import { PREORDER_MODULE } from "../../../modules/preorder"
import type PreorderModuleService from "../../../modules/preorder/service"
import type { PreorderQuote } from "./validate-preorder"

/** Saga step 6 (after the pivot, retried): points for the cash part, once per pre-order. */
export const accruePointsStep = createStep(
  "accrue-preorder-points",
  withFaults("accrue-preorder-points", async (input: { preorder_id: string; quote: PreorderQuote }, { container }) => {
    const points = container.resolve<PointsModuleService>(POINTS_MODULE)
    const rate = await points.getEarnRate(input.quote.region_id)
    const earned = pointsEarned(input.quote.cash_amount, input.quote.currency_code, rate)
    if (earned > 0) {
      await points.post({
        customer_id: input.quote.customer_id,
        kind: "earn",
        points: earned,
        idempotency_key: `${input.preorder_id}:earn`,
        reference_id: input.preorder_id,
        reason: `pre-order of ${input.quote.title}`,
      })
    }
    await container.resolve<PreorderModuleService>(PREORDER_MODULE).patch(input.preorder_id, { points_earned: earned })
    return new StepResponse({ points_earned: earned })
  })
)
