import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../faults"
import { POINTS_MODULE } from "../../modules/points"
import type PointsModuleService from "../../modules/points/service"
import type { PostPointsInput } from "../../modules/points/service"

const REVERSAL: Record<string, PostPointsInput["kind"]> = {
  earn: "clawback",
  hold: "release",
  spend: "release",
  release: "hold",
  clawback: "earn",
}

/**
 * Posts one ledger entry (idempotent by key). Compensation appends the opposite entry under a
 * derived key, so the ledger stays append-only and a repeated compensation has no second effect.
 */
export const postPointsStep = createStep(
  "post-points",
  withFaults("post-points", async (input: PostPointsInput, { container }) => {
    const service = container.resolve<PointsModuleService>(POINTS_MODULE)
    const result = await service.post(input)
    return new StepResponse(result, input)
  }),
  async (input, { container }) => {
    if (!input) return
    const service = container.resolve<PointsModuleService>(POINTS_MODULE)
    const reversal =
      input.kind === "adjust"
        ? { kind: "adjust" as const, points: -input.points }
        : { kind: REVERSAL[input.kind], points: input.points }
    await service.post({
      ...input,
      ...reversal,
      idempotency_key: `${input.idempotency_key}:reversal`,
      reason: `reversal of ${input.kind}${input.reason ? `: ${input.reason}` : ""}`,
    })
  }
)
