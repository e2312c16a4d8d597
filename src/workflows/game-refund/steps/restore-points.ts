import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../faults"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"
import { refundKeys } from "../keys"

type Input = { refund_id: string; attempt: number; customer_id: string; points: number }

/**
 * Refund step 2: the points spent on the refunded games go back to the player (keyed by the
 * attempt). An undone attempt spends them again in the first step's compensation, which runs
 * whether this step finished or failed after its effect.
 */
export const restoreSpentPointsStep = createStep(
  "restore-spent-points",
  withFaults("restore-spent-points", async (input: Input, { container }) => {
    if (input.points <= 0) return new StepResponse({ restored: 0 })
    await container.resolve<PointsModuleService>(POINTS_MODULE).post({
      customer_id: input.customer_id,
      kind: "release",
      points: input.points,
      idempotency_key: refundKeys.restore(input.refund_id, input.attempt),
      reference_id: input.refund_id,
      reason: "refund: spent points restored",
    })
    return new StepResponse({ restored: input.points })
  })
)
