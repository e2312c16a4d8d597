import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../faults"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"
import { refundKeys } from "../keys"

type Input = { refund_id: string; attempt: number; customer_id: string; points: number }

/**
 * Refund step 2: the points spent on the refunded games go back to the player (keyed by the
 * attempt). Undone — spent again — when the attempt is undone before the payment went back.
 */
export const restoreSpentPointsStep = createStep(
  "restore-spent-points",
  withFaults("restore-spent-points", async (input: Input, { container }) => {
    if (input.points <= 0) return new StepResponse(null)
    await container.resolve<PointsModuleService>(POINTS_MODULE).post({
      customer_id: input.customer_id,
      kind: "release",
      points: input.points,
      idempotency_key: refundKeys.restore(input.refund_id, input.attempt),
      reference_id: input.refund_id,
      reason: "refund: spent points restored",
    })
    return new StepResponse(null, input)
  }),
  async (input, { container }) => {
    if (!input) return
    await container.resolve<PointsModuleService>(POINTS_MODULE).post({
      customer_id: input.customer_id,
      kind: "spend",
      points: input.points,
      idempotency_key: `${refundKeys.restore(input.refund_id, input.attempt)}:reversal`,
      reference_id: input.refund_id,
      reason: "refund undone: restored points spent again",
    })
  }
)
