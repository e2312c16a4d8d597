import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createCustomerAccountWorkflow, createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import { setResidenceStep } from "../steps/set-residence"

export type CreatePlayerAccountInput = {
  auth_identity_id: string
  residence_country: string
  customer: {
    email: string
    first_name?: string | null
    last_name?: string | null
    phone?: string | null
  }
}

export const createPlayerAccountWorkflowId = "create-player-account"

/** Sign-up: the customer and their residence country are created together or not at all. */
export const createPlayerAccountWorkflow = createWorkflow(
  createPlayerAccountWorkflowId,
  (input: CreatePlayerAccountInput) => {
    const customer = createCustomerAccountWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        authIdentityId: input.auth_identity_id,
        customerData: input.customer,
      })),
    })
    const { residence } = setResidenceStep(
      transform({ input, customer }, ({ input, customer }) => ({
        customer_id: customer.id,
        country_code: input.residence_country,
        source: "signup" as const,
        expect_none: true,
      }))
    )
    createRemoteLinkStep(
      transform({ customer, residence }, ({ customer, residence }) => [
        {
          [Modules.CUSTOMER]: { customer_id: customer.id },
          [REGION_POLICY_MODULE]: { customer_residence_id: residence.id },
        },
      ])
    )
    return new WorkflowResponse(customer)
  }
)
