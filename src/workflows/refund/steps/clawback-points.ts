import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"

/**
 * Refund step 5 (after the pivot, retried, idempotent by key): takes back the points the purchase
 * earned, minus the shortfall already settled in cash by plan-refund.
 */
export const clawbackPointsStep = createStep(
  "clawback-points",
  withFaults("clawback-points", async (input: { customer_id: string; points: number; preorder_id: string }, { container }) => {
    const result = await container.resolve<PointsModuleService>(POINTS_MODULE).post({
      customer_id: input.customer_id,
      kind: "clawback",
      points: input.points,
      idempotency_key: `${input.preorder_id}:refund:clawback`,
      reference_id: input.preorder_id,
      reason: "refund: earned points taken back",
    })
    return new StepResponse(result)
  })
)
