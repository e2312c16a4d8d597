import { getRequestConfig } from "next-intl/server"
import { cookies, headers } from "next/headers"
import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALE_HEADER, isLocale, type Locale } from "../lib/i18n-config"

/** The language of this request: set by the proxy (cookie, else by country), else the cookie, else English. */
export async function currentLocale(): Promise<Locale> {
  const fromHeader = (await headers()).get(LOCALE_HEADER)
  if (isLocale(fromHeader)) return fromHeader
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE
}

export default getRequestConfig(async () => {
  const locale = await currentLocale()
  return {
    locale,
    messages: (await import(`../../messages/${locale}.json`)).default,
    timeZone: "UTC",
  }
})
