import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { clientIp, countryFromIp } from "../../../modules/region-policy/geo"
import { listRegions } from "../../../modules/region-policy/regions"

/** Suggests a region to a visitor from their IP. Only a hint for prices and language. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const country = countryFromIp(clientIp(req))
  const regions = await listRegions(req.scope)
  const region = country ? regions.find((r) => r.countries.includes(country)) : undefined
  res.json({
    country_code: country,
    region: region ? { id: region.id, name: region.name, currency_code: region.currency_code } : null,
    source: region ? "ip" : "none",
  })
}
