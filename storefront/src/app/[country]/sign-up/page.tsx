import type { Metadata } from "next"
import { redirect } from "next/navigation"
import { getTranslations } from "next-intl/server"
import { SignUpForm } from "@/components/forms/AuthForms"
import { countryName } from "@/lib/format"
import { getCountries } from "@/lib/regions"
import { getSession, safeNext } from "@/lib/session"
import { getShop } from "@/lib/shop"

type Search = { next?: string; intent?: string; game?: string }
type Props = { params: Promise<{ country: string }>; searchParams: Promise<Search> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth")
  return { title: t("signUpTitle"), robots: { index: false } }
}

const one = (v: unknown) => (typeof v === "string" ? v : undefined)

export default async function SignUp({ params, searchParams }: Props) {
  const { country } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  const q = await searchParams
  const carry = { country: c, next: safeNext(one(q.next), c) ?? undefined, intent: one(q.intent)?.slice(0, 20), game: one(q.game)?.slice(0, 100) }
  if (await getSession()) redirect(carry.next ?? `/${c}/account`)
  const t = await getTranslations("auth")
  const countries = (await getCountries())
    .map((x) => ({ code: x.code, name: countryName(x.code, shop.locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, shop.locale))
  const keep = new URLSearchParams(Object.entries(carry).filter(([k, v]) => k !== "country" && v) as [string, string][]).toString()
  return (
    <main id="main" className="page narrow auth-page">
      <h1>{t("signUpTitle")}</h1>
      <p className="muted">{t("signUpIntro")}</p>
      <SignUpForm carry={carry} countries={countries} defaultCountry={c} signInHref={`/${c}/sign-in${keep ? `?${keep}` : ""}`} />
    </main>
  )
}
