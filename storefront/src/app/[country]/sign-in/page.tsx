import type { Metadata } from "next"
import { redirect } from "next/navigation"
import { getTranslations } from "next-intl/server"
import { SignInForm } from "@/components/forms/AuthForms"
import { getSession, safeNext } from "@/lib/session"
import { getShop } from "@/lib/shop"

type Search = { next?: string; intent?: string; game?: string }
type Props = { params: Promise<{ country: string }>; searchParams: Promise<Search> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth")
  return { title: t("signInTitle"), robots: { index: false } }
}

const one = (v: unknown) => (typeof v === "string" ? v : undefined)

/** Sign-in; `next` (a path on this site), `intent` (buy, preorder, gift) and `game` carry where the player was. */
export default async function SignIn({ params, searchParams }: Props) {
  const { country } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  const q = await searchParams
  const carry = {
    country: c,
    next: safeNext(one(q.next), c) ?? undefined,
    intent: one(q.intent)?.slice(0, 20),
    game: one(q.game)?.slice(0, 100),
  }
  if (await getSession()) {
    if ((carry.intent === "buy" || carry.intent === "preorder") && carry.game) redirect(`/${c}/checkout?${new URLSearchParams({ game: carry.game })}`)
    redirect(carry.next ?? `/${c}/account`)
  }
  const t = await getTranslations("auth")
  const keep = new URLSearchParams(Object.entries(carry).filter(([k, v]) => k !== "country" && v) as [string, string][]).toString()
  return (
    <main id="main" className="page narrow auth-page">
      <h1>{t("signInTitle")}</h1>
      {carry.intent && <p className="muted">{t(`intent.${["buy", "preorder", "gift"].includes(carry.intent) ? carry.intent : "other"}`)}</p>}
      <SignInForm carry={carry} signUpHref={`/${c}/sign-up${keep ? `?${keep}` : ""}`} />
    </main>
  )
}
