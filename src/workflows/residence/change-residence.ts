import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import { setResidenceStep, SetResidenceStepInput } from "../steps/set-residence"

export const changeResidenceWorkflowId = "change-residence"

/** Sets a residence for the first time or changes it; both are written to the change log. */
export const changeResidenceWorkflow = createWorkflow(
  changeResidenceWorkflowId,
  (input: SetResidenceStepInput) => {
    const result = setResidenceStep(input)
    when({ result }, ({ result }) => !!result.change && !result.change.from_country).then(() => {
      createRemoteLinkStep(
        transform({ input, result }, ({ input, result }) => [
          {
            [Modules.CUSTOMER]: { customer_id: input.customer_id },
            [REGION_POLICY_MODULE]: { customer_residence_id: result.residence.id },
          },
        ])
      )
    })
    return new WorkflowResponse(result)
  }
)
