import type { Metadata } from "next"
import Link from "next/link"
import { randomUUID } from "node:crypto"
import { getTranslations } from "next-intl/server"
import { GiftForm } from "@/components/forms/GiftForm"
import { VerifyBanner } from "@/components/VerifyBanner"
import { describeError, reasonText } from "@/lib/errors"
import { formatPrice } from "@/lib/format"
import { intlLocale } from "@/lib/i18n-config"
import { requireSession } from "@/lib/session"
import { getShop } from "@/lib/shop"
import { getGiftRecipients } from "@/lib/social"
import { getGameAs, getPaymentMethods, getPoints, getResidence, getVerification, ID_PATTERN } from "@/lib/store"

type Props = { params: Promise<{ country: string }>; searchParams: Promise<{ game?: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("gift")
  return { title: t("title"), robots: { index: false } }
}

/** "Buy as gift" (`?game=`): priced and paid in the sender's residence country, like checkout. */
export default async function GiftPage({ params, searchParams }: Props) {
  const { country } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  const game = (await searchParams).game
  const gameId = typeof game === "string" && ID_PATTERN.test(game) ? game : ""
  const session = await requireSession(c, `/${c}/gift?${new URLSearchParams({ game: gameId })}`)
  const t = await getTranslations("gift")
  const token = session.token
  const page = (body: React.ReactNode) => (
    <main id="main" className="page narrow state-page">
      <h1>{t("title")}</h1>
      {body}
    </main>
  )
  if (!gameId) return page(<p className="muted">{t("noGame")}</p>)

  let data
  try {
    const [r, v, p, rec] = await Promise.all([getResidence(token), getVerification(token), getPoints(token, 1, 0), getGiftRecipients(token, gameId)])
    data = { residence: r.residence.country_code?.toLowerCase() ?? null, verification: v.email_verification, points: p, recipients: rec }
  } catch (error) {
    return page(<p className="notice notice-warn" role="alert">{await describeError(error)}</p>)
  }
  if (!data.residence) {
    return page(
      <>
        <p className="notice notice-warn" role="alert">{await reasonText("purchaseReasons", "residence_required")}</p>
        <p className="actions"><Link href={`/${c}/account`} className="btn btn-primary">{t("toAccount")}</Link></p>
      </>,
    )
  }
  const pricing = data.residence
  let detail
  let methods: Awaited<ReturnType<typeof getPaymentMethods>> | null = null
  let methodsError = ""
  try {
    detail = (await getGameAs(token, gameId, pricing)).game
  } catch (error) {
    return page(<p className="notice notice-warn" role="alert">{await describeError(error)}</p>)
  }
  try {
    methods = await getPaymentMethods(token, pricing)
  } catch (error) {
    methodsError = await describeError(error)
  }
  const tr = await getTranslations("gift.reasons")
  const recipients = data.recipients.recipients.map((r) => ({ ...r, why: r.reason ? (tr.has(r.reason) ? tr(r.reason) : r.reason) : "" }))
  const intl = intlLocale(shop.locale, pricing)
  const price = detail.price
  const currency = price?.currency_code ?? shop.country.currency
  const buyable = detail.purchase.allowed && !!price
  const back = <Link href={`/${c}/games/${detail.handle}`}>{detail.title}</Link>

  return (
    <main id="main" className="page checkout-page">
      <h1>{t("title")}</h1>
      {!data.verification.verified && <VerifyBanner email={data.verification.email} />}
      <div className="checkout-grid">
        <section aria-labelledby="gift-game-h" className="card-panel">
          <h2 id="gift-game-h">{t("game")}</h2>
          <ul className="summary-list">
            <li>
              <span>{back}{!detail.released && <span className="chip">{t("preorderChip")}</span>}</span>
              <span>{price ? formatPrice(price.amount, price.currency_code, intl) : "—"}</span>
            </li>
          </ul>
          <p className="muted small">{t("howItWorks")}</p>
          <p className="small"><Link href={`/${c}/friends`}>{t("manageFriends")}</Link></p>
        </section>
        <section aria-labelledby="gift-pay-h" className="card-panel">
          <h2 id="gift-pay-h">{t("details")}</h2>
          {methodsError && <p className="notice notice-warn" role="alert">{methodsError}</p>}
          {!buyable ? (
            <p className="notice notice-warn" role="note">{await reasonText("purchaseReasons", detail.purchase.reason ?? "no_price_in_region")}</p>
          ) : !recipients.length ? (
            <div className="empty-state">
              <p className="muted">{t("noFriends")}</p>
              <Link href={`/${c}/friends`} className="btn btn-secondary">{t("findFriends")}</Link>
            </div>
          ) : (
            <GiftForm
              country={c}
              intl={intl}
              gameId={detail.id}
              idempotencyKey={randomUUID()}
              total={price!.amount}
              currency={currency}
              balance={data.points.balance}
              pointValue={data.points.point_value[currency.toLowerCase()] ?? 0}
              providerId={methods?.provider_id ?? ""}
              methods={methods?.payment_methods ?? []}
              recipients={recipients}
              senderZone={session.profile.time_zone}
              disabled={!data.verification.verified}
            />
          )}
        </section>
      </div>
    </main>
  )
}
