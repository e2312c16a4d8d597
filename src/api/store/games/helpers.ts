import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { REGION_POLICY_MODULE } from "../../../modules/region-policy"
import type RegionPolicyModuleService from "../../../modules/region-policy/service"
import { clientIp, countryFromIp } from "../../../modules/region-policy/geo"
import { DEFAULT_REGION_COUNTRY, resolveRegion } from "../../../modules/region-policy/regions"

/**
 * Who is asking and where: the residence of a signed-in customer is the legal country; for a
 * visitor the IP only suggests a region for prices.
 */
export async function storeContext(
  req: AuthenticatedMedusaRequest,
  query: { region_id?: string; country_code?: string }
) {
  const customerId = req.auth_context?.actor_id || null
  const residence = customerId
    ? await req.scope
        .resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
        .getResidenceCountry(customerId)
    : null
  const hint = residence || query.country_code ? null : countryFromIp(clientIp(req))
  const region = await resolveRegion(req.scope, {
    region_id: query.region_id,
    countries: [query.country_code, residence, hint],
  })
  // The country a game must be sold in to be offered: the residence (the legal country) when
  // signed in, else the one the storefront asks for or the IP suggests, else the region's own.
  const country =
    residence ||
    query.country_code ||
    hint ||
    (region.countries.includes(DEFAULT_REGION_COUNTRY) ? DEFAULT_REGION_COUNTRY : region.countries[0] ?? DEFAULT_REGION_COUNTRY)
  return { customer_id: customerId, residence_country: residence, region, country }
}
