import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createCustomerAccountWorkflow, createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import { setResidenceStep } from "../steps/set-residence"
import { checkSignupEmailStep } from "../steps/signup-email"
import { recordVerifiedEmailStep } from "../steps/email-verification"
import { createProfileStep } from "../steps/create-profile"

export type CreatePlayerAccountInput = {
  auth_identity_id: string
  residence_country: string
  customer: {
    /** The login identity's email; taken from it when omitted, refused when another. */
    email?: string | null
    first_name?: string | null
    last_name?: string | null
    phone?: string | null
  }
  /** What other players see: a handle (generated when none) and a display name. */
  profile?: { handle?: string | null; display_name?: string | null; time_zone?: string | null }
  /** The address is known to be the player's (the seed): recorded verified, no link mailed. */
  email_verified?: boolean
}

export const createPlayerAccountWorkflowId = "create-player-account"

/** Sign-up: the customer, their residence country and profile are created together or not at all. */
export const createPlayerAccountWorkflow = createWorkflow(
  createPlayerAccountWorkflowId,
  (input: CreatePlayerAccountInput) => {
    const email = checkSignupEmailStep(
      transform({ input }, ({ input }) => ({ auth_identity_id: input.auth_identity_id, email: input.customer.email }))
    )
    const customer = createCustomerAccountWorkflow.runAsStep({
      input: transform({ input, email }, ({ input, email }) => ({
        authIdentityId: input.auth_identity_id,
        customerData: { ...input.customer, email },
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
    createProfileStep(
      transform({ input, customer }, ({ input, customer }) => ({
        customer_id: customer.id,
        handle: input.profile?.handle,
        display_name: input.profile?.display_name,
        time_zone: input.profile?.time_zone,
        first_name: input.customer.first_name,
      }))
    )
    recordVerifiedEmailStep(
      transform({ input, customer }, ({ input, customer }) => ({
        customer_id: customer.id,
        email: customer.email!,
        verified: input.email_verified,
      }))
    )
    return new WorkflowResponse(customer)
  }
)
