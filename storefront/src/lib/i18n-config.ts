/** Languages, countries and cookies shared by the proxy, server components and client components. */

export const LOCALES = ["en", "ko", "ja"] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = "en"

export const COUNTRY_COOKIE = "kstore_country"
export const LOCALE_COOKIE = "kstore_locale"
/** Set by the proxy on the request so server components know the language without URL prefix. */
export const LOCALE_HEADER = "x-kstore-locale"
export const COOKIE_MAX_AGE = 60 * 60 * 24 * 365

export const DEFAULT_COUNTRY = "us"

/**
 * The store's countries and currencies when the backend cannot be asked (build, backend down).
 * At runtime the list comes from the backend's regions (lib/regions.ts).
 */
export const FALLBACK_COUNTRIES: { code: string; currency: string }[] = [
  { code: "kr", currency: "krw" },
  { code: "jp", currency: "jpy" },
  { code: "us", currency: "usd" },
  { code: "de", currency: "eur" },
  { code: "gb", currency: "gbp" },
  { code: "br", currency: "brl" },
  { code: "fr", currency: "eur" },
  { code: "es", currency: "eur" },
  { code: "it", currency: "eur" },
  { code: "nl", currency: "eur" },
]

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value)
}

/** kr → ko, jp → ja, everything else English. */
export function localeForCountry(country: string): Locale {
  const c = country.toLowerCase()
  if (c === "kr") return "ko"
  if (c === "jp") return "ja"
  return DEFAULT_LOCALE
}

/** A BCP 47 tag for Intl formatting: the language with the shop's country ("ko-KR", "en-DE"). */
export function intlLocale(locale: string, country: string) {
  return `${locale}-${country.toUpperCase()}`
}

/** A two-letter, lower-case segment that looks like a country code. */
export function looksLikeCountry(segment: string | undefined): segment is string {
  return !!segment && /^[a-zA-Z]{2}$/.test(segment)
}
