/** Formatting helpers usable on the server and in the browser. */

/** Medusa amounts are major units (19.99 usd, 20000 krw); Intl picks the currency's digits. */
export function formatPrice(amount: number, currency: string, locale: string) {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() }).format(amount)
  } catch {
    return `${amount} ${currency.toUpperCase()}`
  }
}

export function formatDate(value: string | Date, locale: string, opts?: Intl.DateTimeFormatOptions) {
  const date = typeof value === "string" ? new Date(value) : value
  try {
    return new Intl.DateTimeFormat(locale, opts ?? { dateStyle: "medium", timeZone: "UTC" }).format(date)
  } catch {
    return date.toISOString().slice(0, 10)
  }
}

export function countryName(code: string, locale: string) {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code.toUpperCase()) ?? code.toUpperCase()
  } catch {
    return code.toUpperCase()
  }
}

/** "visual-novel" → "Visual novel" (tags have no translations yet). */
export function humanize(slug: string) {
  const s = slug.replace(/-/g, " ")
  return s.charAt(0).toUpperCase() + s.slice(1)
}

export function discountPercent(amount: number, original: number) {
  if (!(original > amount) || original <= 0) return 0
  return Math.round((1 - amount / original) * 100)
}
