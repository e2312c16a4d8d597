import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"

/** Saga step 3 (sync): the balance the hold will be checked against. */
export const getPointsBalanceStep = createStep(
  "get-points-balance",
  withFaults("get-points-balance", async (input: { customer_id: string }, { container }) =>
    new StepResponse(await container.resolve<PointsModuleService>(POINTS_MODULE).getBalance(input.customer_id))
  )
)
