import { NextResponse, type NextRequest } from "next/server"
import {
  COOKIE_MAX_AGE,
  COUNTRY_COOKIE,
  LOCALE_COOKIE,
  LOCALE_HEADER,
  isLocale,
  localeForCountry,
  looksLikeCountry,
} from "./lib/i18n-config"
import { defaultCountry, getCountries } from "./lib/regions"
import { regionHint } from "./lib/medusa"

/**
 * Country routing in front of the app (Next 16 "proxy", Node.js runtime):
 * - `/` goes to the remembered country (cookie), else the one the backend suggests from the IP
 *   (GET /store/region-hint), else the default (us); the choice is remembered in a cookie.
 * - `/XX/...` with a country the store does not serve goes to the default country, once: the
 *   target is always served, so there is no loop.
 * - every request gets the language (cookie, else by country) in a request header for next-intl.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl
  const [, first, ...rest] = pathname.split("/")
  const countries = await getCountries()
  const served = new Set(countries.map((c) => c.code))
  const fallback = defaultCountry(countries)
  const cookieCountry = request.cookies.get(COUNTRY_COOKIE)?.value?.toLowerCase()

  if (!first) {
    let country = cookieCountry && served.has(cookieCountry) ? cookieCountry : null
    if (!country) {
      const hint = await regionHint(forwardedFor(request)).catch(() => null)
      const code = hint?.country_code?.toLowerCase()
      country = code && served.has(code) ? code : fallback
    }
    const response = NextResponse.redirect(new URL(`/${country}${search}`, request.url), 307)
    response.headers.set("cache-control", "private, no-store")
    response.headers.set("vary", "cookie")
    if (country !== cookieCountry) setCookie(response, COUNTRY_COOKIE, country)
    return response
  }

  if (!looksLikeCountry(first)) return NextResponse.next()

  const code = first.toLowerCase()
  if (!served.has(code) || code !== first) {
    const target = served.has(code) ? code : fallback
    const url = new URL(`/${[target, ...rest].join("/")}${search}`, request.url)
    return NextResponse.redirect(url, 307)
  }

  const cookieLocale = request.cookies.get(LOCALE_COOKIE)?.value
  const locale = isLocale(cookieLocale) ? cookieLocale : localeForCountry(code)
  const headers = new Headers(request.headers)
  headers.set(LOCALE_HEADER, locale)
  const response = NextResponse.next({ request: { headers } })
  // Visiting a country's pages is choosing it: `/` brings the visitor back here next time.
  if (code !== cookieCountry) setCookie(response, COUNTRY_COOKIE, code)
  return response
}

function forwardedFor(request: NextRequest): string | null {
  return request.headers.get("x-forwarded-for") ?? request.headers.get("x-real-ip")
}

function setCookie(response: NextResponse, name: string, value: string) {
  response.cookies.set(name, value, { path: "/", maxAge: COOKIE_MAX_AGE, sameSite: "lax" })
}

export const config = {
  // Pages only: not the API route handlers, Next's assets or files with an extension.
  matcher: ["/((?!api|_next|favicon.ico|robots.txt|.*\\.[a-zA-Z0-9]+$).*)"],
}
