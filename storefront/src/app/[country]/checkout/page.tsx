import type { Metadata } from "next"
import Link from "next/link"
import { randomUUID } from "node:crypto"
import { getTranslations } from "next-intl/server"
import { CheckoutForm } from "@/components/forms/CheckoutForm"
import { VerifyBanner } from "@/components/VerifyBanner"
import { readCart } from "@/lib/cart"
import { describeError, reasonText } from "@/lib/errors"
import { countryName, formatPrice } from "@/lib/format"
import { intlLocale } from "@/lib/i18n-config"
import { requireSession } from "@/lib/session"
import { getShop } from "@/lib/shop"
import { getGameAs, getLibrary, getPaymentMethods, getPoints, getResidence, getVerification, ID_PATTERN } from "@/lib/store"
import type { GameDetail } from "@/lib/types"

type Props = { params: Promise<{ country: string }>; searchParams: Promise<{ game?: string; from?: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("checkout")
  return { title: t("title"), robots: { index: false } }
}

/**
 * Checkout of one game ("Buy now" / "Pre-order", `?game=`) or of the cart (`?from=cart`): priced in
 * the player's residence country, the purchase region; games they may not buy or already own are
 * listed apart and left out.
 */
export default async function Checkout({ params, searchParams }: Props) {
  const { country } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  const q = await searchParams
  const fromCart = q.from === "cart"
  const here = fromCart ? `/${c}/checkout?from=cart` : `/${c}/checkout?${new URLSearchParams({ game: String(q.game ?? "") })}`
  const session = await requireSession(c, here)
  const t = await getTranslations("checkout")
  const token = session.token
  const ids = fromCart ? await readCart() : typeof q.game === "string" && ID_PATTERN.test(q.game) ? [q.game] : []

  if (!ids.length) {
    return (
      <main id="main" className="page narrow state-page">
        <h1>{t("title")}</h1>
        <p className="muted">{t("nothing")}</p>
        <p className="actions">
          <Link href={`/${c}/games`} className="btn btn-secondary">{t("browse")}</Link>
        </p>
      </main>
    )
  }

  let residence: string | null
  let verified: { ok: boolean; email: string }
  let library: Set<string>
  let points: { balance: number; point_value: Record<string, number> }
  try {
    const [r, v, l, p] = await Promise.all([getResidence(token), getVerification(token), getLibrary(token), getPoints(token, 1, 0)])
    residence = r.residence.country_code?.toLowerCase() ?? null
    verified = { ok: v.email_verification.verified, email: v.email_verification.email }
    library = new Set(l.library.map((e) => e.game_id))
    points = p
  } catch (error) {
    return (
      <main id="main" className="page narrow state-page">
        <h1>{t("title")}</h1>
        <p className="notice notice-warn" role="alert">{await describeError(error)}</p>
      </main>
    )
  }
  if (!residence) {
    return (
      <main id="main" className="page narrow state-page">
        <h1>{t("title")}</h1>
        <p className="notice notice-warn" role="alert">{await reasonText("purchaseReasons", "residence_required")}</p>
        <p className="actions"><Link href={`/${c}/account`} className="btn btn-primary">{t("toAccount")}</Link></p>
      </main>
    )
  }

  const pricing = residence
  const games = await Promise.all(
    ids.map(async (id) => {
      try {
        return (await getGameAs(token, id, pricing)).game
      } catch {
        return null
      }
    }),
  )
  const buyable: GameDetail[] = []
  const refused: { id: string; title: string; why: string }[] = []
  for (let i = 0; i < ids.length; i++) {
    const g = games[i]
    if (!g) refused.push({ id: ids[i], title: t("unknownGame"), why: await reasonText("purchaseReasons", "not_found") })
    else if (library.has(g.id)) refused.push({ id: g.id, title: g.title, why: await reasonText("purchaseReasons", "already_owned") })
    else if (!g.purchase.allowed || !g.price) refused.push({ id: g.id, title: g.title, why: await reasonText("purchaseReasons", g.purchase.reason ?? "no_price_in_region") })
    else buyable.push(g)
  }
  const currency = buyable[0]?.price?.currency_code ?? shop.country.currency
  const intl = intlLocale(shop.locale, pricing)
  const total = Math.round(buyable.reduce((s, g) => s + (g.price?.amount ?? 0), 0) * 1e6) / 1e6
  let methods: Awaited<ReturnType<typeof getPaymentMethods>> | null = null
  let methodsError = ""
  try {
    methods = await getPaymentMethods(token, pricing)
  } catch (error) {
    methodsError = await describeError(error)
  }
  const pointValue = points.point_value[currency.toLowerCase()] ?? 0

  return (
    <main id="main" className="page checkout-page">
      <h1>{t("title")}</h1>
      {pricing !== c && (
        <p className="notice" role="note">
          {t("residenceNote", { residence: countryName(pricing, shop.locale), currency: currency.toUpperCase() })}
        </p>
      )}
      {!verified.ok && <VerifyBanner email={verified.email} />}
      <div className="checkout-grid">
        <section aria-labelledby="items-h" className="card-panel">
          <h2 id="items-h">{t("items", { count: buyable.length })}</h2>
          <ul className="summary-list">
            {buyable.map((g) => (
              <li key={g.id}>
                <span>
                  <Link href={`/${c}/games/${g.handle}`}>{g.title}</Link>
                  {!g.released && <span className="chip">{t("preorderChip")}</span>}
                </span>
                <span>{formatPrice(g.price!.amount, g.price!.currency_code, intl)}</span>
              </li>
            ))}
          </ul>
          {refused.length > 0 && (
            <div className="notice notice-warn" role="note">
              <p className="notice-title">{t("leftOut")}</p>
              <ul className="plain-list">
                {refused.map((r) => (
                  <li key={r.id}>
                    <strong>{r.title}</strong> — {r.why}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {fromCart && <p className="small"><Link href={`/${c}/cart`}>{t("editCart")}</Link></p>}
        </section>
        <section aria-labelledby="pay-h" className="card-panel">
          <h2 id="pay-h">{t("payment")}</h2>
          {methodsError && <p className="notice notice-warn" role="alert">{methodsError}</p>}
          {buyable.length ? (
            <CheckoutForm
              country={c}
              intl={intl}
              gameIds={buyable.map((g) => g.id)}
              from={fromCart ? "cart" : "buy"}
              idempotencyKey={randomUUID()}
              total={total}
              currency={currency}
              balance={points.balance}
              pointValue={pointValue}
              providerId={methods?.provider_id ?? ""}
              methods={methods?.payment_methods ?? []}
              disabled={!verified.ok}
            />
          ) : (
            <p className="muted">{t("nothingBuyable")}</p>
          )}
        </section>
      </div>
    </main>
  )
}
