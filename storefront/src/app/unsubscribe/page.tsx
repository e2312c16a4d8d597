import { redirect } from "next/navigation"
import { cookies } from "next/headers"
import { COUNTRY_COOKIE } from "@/lib/i18n-config"
import { defaultCountry, getCountries } from "@/lib/regions"

export const dynamic = "force-dynamic"

/** The address new-release mails link to, without a country: continue in the visitor's country. */
export default async function UnsubscribeEntry({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams
  const countries = await getCountries()
  const remembered = (await cookies()).get(COUNTRY_COOKIE)?.value?.toLowerCase()
  const country = remembered && countries.some((c) => c.code === remembered) ? remembered : defaultCountry(countries)
  redirect(`/${country}/unsubscribe${typeof token === "string" ? `?${new URLSearchParams({ token })}` : ""}`)
}
