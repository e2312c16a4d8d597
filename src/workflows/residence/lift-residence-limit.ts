import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import type RegionPolicyModuleService from "../../modules/region-policy/service"

export type LiftResidenceLimitInput = {
  customer_id: string
  reason: string
  /** The staff user lifting the limit. */
  actor_id: string
}

export const liftResidenceLimitStep = createStep(
  "lift-residence-limit",
  async (input: LiftResidenceLimitInput, { container }) => {
    const service = container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
    const result = await service.liftChangeLimit({
      customer_id: input.customer_id,
      created_by: input.actor_id,
      reason: input.reason,
    })
    return new StepResponse(result, result.created ? result.lift.id : null)
  },
  async (liftId, { container }) => {
    if (!liftId) return
    await container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE).deleteResidenceChangeLifts(liftId)
  }
)

export const liftResidenceLimitWorkflowId = "lift-residence-limit"

/**
 * Staff lift of the residence rule for one player (404 for an unknown customer): their next
 * residence change is allowed at once, and the lift is kept with the staff user's id and reason.
 */
export const liftResidenceLimitWorkflow = createWorkflow(
  liftResidenceLimitWorkflowId,
  (input: LiftResidenceLimitInput) => {
    useQueryGraphStep({
      entity: "customer",
      fields: ["id"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })
    const result = liftResidenceLimitStep(input)
    return new WorkflowResponse(result)
  }
)
