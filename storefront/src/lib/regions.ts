import { DEFAULT_COUNTRY, FALLBACK_COUNTRIES } from "./i18n-config"
import { listRegions } from "./medusa"
import type { Country } from "./types"

/**
 * The countries the store serves, from the backend's regions (cached 60 s); the fixed list of
 * the seeded regions when the backend cannot be asked, so pages still route offline.
 */
const TTL_MS = 60_000
const RETRY_MS = 5_000
let cached: { at: number; ttl: number; countries: Country[] } | null = null
let inflight: Promise<Country[]> | null = null

const fallback = (): Country[] =>
  FALLBACK_COUNTRIES.map((c) => ({ code: c.code, currency: c.currency, region_id: null, region_name: null }))

async function load(): Promise<{ countries: Country[]; ok: boolean }> {
  try {
    const regions = await listRegions()
    const countries: Country[] = []
    for (const region of regions) {
      for (const c of region.countries ?? []) {
        if (!c.iso_2) continue
        countries.push({
          code: c.iso_2.toLowerCase(),
          currency: region.currency_code.toLowerCase(),
          region_id: region.id,
          region_name: region.name,
        })
      }
    }
    if (!countries.length) return { countries: fallback(), ok: false }
    // Keep the storefront's familiar order for the switcher; unknown ones after, by code.
    const order = FALLBACK_COUNTRIES.map((c) => c.code)
    countries.sort((a, b) => {
      const ia = order.indexOf(a.code)
      const ib = order.indexOf(b.code)
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.code.localeCompare(b.code)
    })
    return { countries, ok: true }
  } catch {
    return { countries: fallback(), ok: false }
  }
}

export async function getCountries(): Promise<Country[]> {
  if (cached && Date.now() - cached.at < cached.ttl) return cached.countries
  inflight ??= load()
    .then(({ countries, ok }) => {
      cached = { at: Date.now(), ttl: ok ? TTL_MS : RETRY_MS, countries }
      return countries
    })
    .finally(() => {
      inflight = null
    })
  return inflight
}

export async function findCountry(code: string): Promise<Country | undefined> {
  const countries = await getCountries()
  return countries.find((c) => c.code === code.toLowerCase())
}

/** The default country: us when served, else the first served one. */
export function defaultCountry(countries: Country[]): string {
  return countries.some((c) => c.code === DEFAULT_COUNTRY) ? DEFAULT_COUNTRY : (countries[0]?.code ?? DEFAULT_COUNTRY)
}
