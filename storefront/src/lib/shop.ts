import { notFound } from "next/navigation"
import { getLocale } from "next-intl/server"
import { intlLocale, isLocale, DEFAULT_LOCALE, type Locale } from "./i18n-config"
import { findCountry } from "./regions"
import type { Country } from "./types"

export type Shop = { country: Country; locale: Locale; intl: string }

/** The country of the route (404 when the store does not serve it) with the request's language. */
export async function getShop(countryParam: string): Promise<Shop> {
  const country = await findCountry(countryParam)
  if (!country) notFound()
  const raw = await getLocale()
  const locale = isLocale(raw) ? raw : DEFAULT_LOCALE
  return { country, locale, intl: intlLocale(locale, country.code) }
}
