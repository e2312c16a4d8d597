import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { ACCOUNT_MODULE } from "../../../../modules/account"
import type AccountModuleService from "../../../../modules/account/service"
import { normalizeEmail, verifyEmailVerification } from "../../../../modules/account/verification-token"

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message, "verification_invalid")

/**
 * Follows a mailed verification link (the storefront's /verify-email page calls this with the
 * link's token; GET and POST alike): a valid, unexpired token of the customer's current address
 * marks it verified. Signed in as someone else, the link is refused (403): it is not theirs.
 */
async function verify(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const checked = verifyEmailVerification(req.params.token)
  if (!checked.ok) {
    if (checked.reason === "expired") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "This verification link has expired: ask for a new one", "verification_expired")
    }
    throw invalid("This verification link is not valid")
  }
  const { claim } = checked
  const actor = req.auth_context?.actor_id
  if (actor && actor !== claim.customer_id) {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, "This verification link belongs to another account", "verification_other_customer")
  }
  const [customer] = await req.scope
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: claim.customer_id }, { select: ["id", "email", "has_account"] })
  if (!customer?.has_account || !customer.email) throw invalid("This verification link is not valid")
  if (normalizeEmail(customer.email) !== claim.email) throw invalid("This verification link is for another email address")
  const row = await req.scope.resolve<AccountModuleService>(ACCOUNT_MODULE).markEmailVerified(customer.id, customer.email)
  res.json({ email_verification: { customer_id: customer.id, email: customer.email, verified: true, verified_at: row.verified_at } })
}

export const GET = verify
export const POST = verify
