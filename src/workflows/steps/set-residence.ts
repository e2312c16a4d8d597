import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import type RegionPolicyModuleService from "../../modules/region-policy/service"
import type { ResidenceChangeSource } from "../../modules/region-policy/service"

export type SetResidenceStepInput = {
  customer_id: string
  country_code: string
  reason?: string | null
  source: ResidenceChangeSource
  expect_none?: boolean
}

export const setResidenceStep = createStep(
  "set-residence",
  async (input: SetResidenceStepInput, { container }) => {
    const service = container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
    const { residence, change } = await service.setResidence(input)
    return new StepResponse(
      { residence, change },
      change ? { residence_id: residence.id, change_id: change.id, from: change.from_country } : null
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
    // The change leaves the log, the residence goes back, a staff lift it used is open again.
    await service.undoResidenceChange(undo)
  }
)
