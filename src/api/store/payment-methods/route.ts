import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { REGION_POLICY_MODULE } from "../../../modules/region-policy"
import type RegionPolicyModuleService from "../../../modules/region-policy/service"
import { methodsForCountry, SANDBOX_PROVIDER_ID } from "../../../modules/sandbox-payment/methods"

/**
 * The payment methods offered in the customer's residence country (or, for a visitor browsing,
 * in `country_code`). Pay with provider `pp_sandbox_sandbox` and session data
 * `{ method, country, account }`.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const customerId = req.auth_context?.actor_id
  const residence = customerId
    ? await req.scope.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE).getResidenceCountry(customerId)
    : null
  const country = residence ?? (req.validatedQuery as { country_code?: string }).country_code ?? null
  if (!country) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Sign in with a residence country, or pass country_code, to see payment methods"
    )
  }
  res.json({ country_code: country, provider_id: SANDBOX_PROVIDER_ID, payment_methods: methodsForCountry(country) })
}
