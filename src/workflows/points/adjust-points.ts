import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { postPointsStep } from "../steps/post-points"

export type AdjustPointsInput = {
  customer_id: string
  points: number
  reason: string
  idempotency_key: string
  actor_id: string
}

export const adjustPointsWorkflowId = "adjust-points"

/** Staff adjustment of a customer's points, with a required reason, logged in the ledger. */
export const adjustPointsWorkflow = createWorkflow(adjustPointsWorkflowId, (input: AdjustPointsInput) => {
  useQueryGraphStep({
    entity: "customer",
    fields: ["id"],
    filters: { id: input.customer_id },
    options: { throwIfKeyNotFound: true },
  })
  const result = postPointsStep(
    transform({ input }, ({ input }) => ({
      customer_id: input.customer_id,
      kind: "adjust" as const,
      points: input.points,
      reason: input.reason,
      // Scoped per customer: one key names one adjustment of one customer.
      idempotency_key: `admin-adjust:${input.customer_id}:${input.idempotency_key}`,
      created_by: input.actor_id,
    }))
  )
  return new WorkflowResponse(result)
})
