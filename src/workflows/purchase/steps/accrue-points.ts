import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../faults"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"
import { pointsEarned } from "../../../modules/points/values"
import { purchaseKeys } from "../keys"
import type { PlacedOrder } from "./load-order"

/** After the pivot (retried): points for the cash part, once per order. */
export const accruePurchasePointsStep = createStep(
  "accrue-purchase-points",
  withFaults("accrue-purchase-points", async (input: { order: PlacedOrder }, { container }) => {
    const points = container.resolve<PointsModuleService>(POINTS_MODULE)
    const o = input.order
    const earned = pointsEarned(o.cash_amount, o.currency_code, await points.getEarnRate(o.region_id))
    if (earned > 0) {
      await points.post({
        customer_id: o.customer_id,
        kind: "earn",
        points: earned,
        idempotency_key: purchaseKeys.earn(o.order_id),
        reference_id: o.order_id,
        reason: `purchase of ${o.games.map((g) => g.title).join(", ")}`,
      })
    }
    return new StepResponse({ points_earned: earned })
  })
)
