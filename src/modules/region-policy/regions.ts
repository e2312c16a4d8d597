import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

export type RegionInfo = { id: string; name: string; currency_code: string; countries: string[] }

const TTL_MS = 30_000
let cached: { at: number; regions: Promise<RegionInfo[]> } | null = null

/** Regions change rarely and are read on every catalog request: keep them for a few seconds. */
export function listRegions(scope: MedusaContainer): Promise<RegionInfo[]> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.regions
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const regions = query
    .graph({ entity: "region", fields: ["id", "name", "currency_code", "countries.iso_2"] })
    .then(({ data }) =>
      data.map((r: any) => ({
        id: r.id,
        name: r.name,
        currency_code: r.currency_code,
        countries: (r.countries ?? []).map((c: any) => String(c.iso_2).toUpperCase()),
      }))
    )
  cached = { at: Date.now(), regions }
  regions.catch(() => (cached = null))
  return regions
}

export function forgetRegions() {
  cached = null
}

export const DEFAULT_REGION_COUNTRY = "US"

/**
 * The region a request is priced in: an explicit region_id, else the region of the given country
 * (residence, query or IP hint), else the default (US) region, else the first region.
 */
export async function resolveRegion(
  scope: MedusaContainer,
  input: { region_id?: string; countries: (string | null | undefined)[] }
): Promise<RegionInfo> {
  const regions = await listRegions(scope)
  if (input.region_id) {
    const region = regions.find((r) => r.id === input.region_id)
    if (!region) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Region '${input.region_id}' not found`)
    }
    return region
  }
  for (const country of [...input.countries, DEFAULT_REGION_COUNTRY]) {
    const region = country && regions.find((r) => r.countries.includes(country))
    if (region) return region
  }
  if (!regions.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, "The store has no regions")
  return regions[0]
}
