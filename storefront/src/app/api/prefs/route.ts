import { NextResponse, type NextRequest } from "next/server"
import { COOKIE_MAX_AGE, COUNTRY_COOKIE, LOCALE_COOKIE, isLocale, looksLikeCountry } from "@/lib/i18n-config"
import { defaultCountry, findCountry, getCountries } from "@/lib/regions"

/**
 * The country / language switcher's form: remembers both in cookies and sends the visitor to the
 * same page in the chosen country (only paths on this site; anything else goes to the country home).
 */
export async function POST(request: NextRequest) {
  const form = await request.formData().catch(() => null)
  const chosen = await findCountry(String(form?.get("country") ?? ""))
  const country = chosen?.code ?? defaultCountry(await getCountries())
  const locale = String(form?.get("locale") ?? "")
  const next = String(form?.get("next") ?? "")

  let path = `/${country}`
  if (next.startsWith("/") && !next.startsWith("//") && !next.includes("\\")) {
    const url = new URL(next, "http://local")
    const [, first, ...rest] = url.pathname.split("/")
    if (looksLikeCountry(first)) path = `/${[country, ...rest].join("/")}`.replace(/\/$/, "") + url.search
  }
  const response = NextResponse.redirect(new URL(path, request.url), 303)
  response.cookies.set(COUNTRY_COOKIE, country, { path: "/", maxAge: COOKIE_MAX_AGE, sameSite: "lax" })
  if (isLocale(locale)) response.cookies.set(LOCALE_COOKIE, locale, { path: "/", maxAge: COOKIE_MAX_AGE, sameSite: "lax" })
  else response.cookies.delete(LOCALE_COOKIE)
  return response
}
