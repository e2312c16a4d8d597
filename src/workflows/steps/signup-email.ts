import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { normalizeEmail } from "../../modules/account/verification-token"

/**
 * The address an auth identity signs in with (its emailpass entity id, else a provider's email),
 * and whether the identity already has a customer.
 */
export async function identityEmail(container: MedusaContainer, authIdentityId: string) {
  const auth = container.resolve(Modules.AUTH)
  const identity = await auth.retrieveAuthIdentity(authIdentityId, { relations: ["provider_identities"] }).catch(() => null)
  const providers = (identity?.provider_identities ?? []) as any[]
  const emailpass = providers.find((p) => p.provider === "emailpass")
  const other = providers.map((p) => p.user_metadata?.email).find((e) => typeof e === "string" && e)
  const email: string | null = emailpass?.entity_id ? String(emailpass.entity_id) : other ?? null
  return { email, has_customer: !!identity?.app_metadata?.customer_id }
}

/**
 * The customer's email at sign-up is the login identity's: a body email naming another address is
 * refused (400 `email_mismatch`), none takes the identity's. Case and surrounding spaces do not
 * count as a difference. Returns the email to create the customer with.
 */
export async function signupEmail(container: MedusaContainer, authIdentityId: string, email?: string | null): Promise<string> {
  const { email: fromIdentity, has_customer } = await identityEmail(container, authIdentityId)
  // A second sign-up with the identity: refused as such by the route and Medusa's own check.
  if (has_customer && email) return email
  if (!fromIdentity) {
    if (!email) throw new MedusaError(MedusaError.Types.INVALID_DATA, "An email is required", "email_required")
    return email
  }
  if (email && normalizeEmail(email) !== normalizeEmail(fromIdentity)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "The email must be the one you registered to sign in with",
      "email_mismatch"
    )
  }
  return fromIdentity
}

export const checkSignupEmailStep = createStep(
  "check-signup-email",
  async (input: { auth_identity_id: string; email?: string | null }, { container }) =>
    new StepResponse(await signupEmail(container, input.auth_identity_id, input.email))
)
