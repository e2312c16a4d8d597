import type { Metadata } from "next"
import Link from "next/link"
import { notFound } from "next/navigation"
import { randomUUID } from "node:crypto"
import { getTranslations } from "next-intl/server"
import { AuthStepForm, SandboxPayForm } from "@/components/forms/PurchaseForms"
import { StatusPoller } from "@/components/forms/StatusPoller"
import { ApiError } from "@/lib/api"
import { recallAttempt } from "@/lib/attempts"
import { describeError, reasonText } from "@/lib/errors"
import { formatDate, formatPrice } from "@/lib/format"
import { actorOf, requireSession } from "@/lib/session"
import { getShop } from "@/lib/shop"
import { getPurchase, ID_PATTERN, type Purchase } from "@/lib/store"

type Props = { params: Promise<{ country: string; id: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("purchase")
  return { title: t("title"), robots: { index: false } }
}

/**
 * One purchase, followed until it settles (GET /store/purchases/:id?wait=): the payment being
 * processed, a deferred method's instructions, the bank's extra authentication step, the
 * confirmation or the reason it failed.
 */
export default async function PurchasePage({ params }: Props) {
  const { country, id } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  if (!ID_PATTERN.test(id)) notFound()
  const session = await requireSession(c, `/${c}/purchases/${id}`)
  const t = await getTranslations("purchase")
  let purchase: Purchase
  try {
    // A card payment usually settles within a second or two: wait briefly before the first paint.
    purchase = (await getPurchase(session.token, id, 3)).purchase
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound()
    return (
      <main id="main" className="page narrow state-page">
        <h1>{t("title")}</h1>
        <p className="notice notice-warn" role="alert">{await describeError(error)}</p>
      </main>
    )
  }
  const money = (n: number) => formatPrice(n, purchase.currency_code, shop.intl)
  const zone = session.profile.time_zone ?? undefined
  const when = (d: string) => formatDate(d, shop.intl, { dateStyle: "medium", timeStyle: "short", timeZone: zone })
  const retry = `/${c}/checkout?${new URLSearchParams({ game: purchase.items[0]?.game_id ?? "" })}`
  const items = (
    <ul className="summary-list">
      {purchase.items.map((g) => (
        <li key={g.game_id}>
          <span>
            {g.title}
            {g.preorder && <span className="chip">{t("preorderChip", { date: formatDate(g.release_at, shop.intl) })}</span>}
          </span>
          <span>{money(Number(g.total))}</span>
        </li>
      ))}
    </ul>
  )
  const totals = (
    <dl className="totals">
      <dt>{t("total")}</dt>
      <dd>{money(purchase.total)}</dd>
      {purchase.discount_total > 0 && (
        <>
          <dt>{t("discount")}</dt>
          <dd>−{money(purchase.discount_total)}</dd>
        </>
      )}
      {purchase.points_used > 0 && (
        <>
          <dt>{t("pointsUsed")}</dt>
          <dd>{t("pointsN", { points: purchase.points_used })}</dd>
        </>
      )}
      <dt>{t("cash")}</dt>
      <dd>{money(purchase.cash_amount)}</dd>
    </dl>
  )

  let body: React.ReactNode
  switch (purchase.status) {
    case "pending":
      body = (
        <>
          <p className="status-line"><span className="spinner" aria-hidden="true" /> {t("pending")}</p>
          <StatusPoller kind="purchase" id={purchase.id} status={purchase.status} longPoll />
        </>
      )
      break
    case "awaiting_payment": {
      const ins = purchase.payment_instructions
      body = (
        <>
          <p className="status-line">{t("awaiting")}</p>
          {ins && (
            <div className="instructions card-panel" aria-labelledby="ins-h">
              <h2 id="ins-h">{t(`ins.${["konbini", "pix", "sepa"].includes(ins.type) ? ins.type : "other"}`)}</h2>
              {ins.payment_number && (
                <p>
                  {t("konbiniNumber")}: <code className="code-big">{ins.payment_number}</code>
                </p>
              )}
              {ins.copy_paste_code && (
                <p>
                  {t("pixCode")}: <code className="code-big code-wrap">{ins.copy_paste_code}</code>
                </p>
              )}
              {ins.mandate_reference && (
                <p>
                  {t("sepaReference")}: <code className="code-big">{ins.mandate_reference}</code>
                </p>
              )}
              {ins.note && <p className="muted small">{ins.note}</p>}
              {purchase.payment_due_at && <p>{t("dueAt", { date: when(purchase.payment_due_at) })}</p>}
            </div>
          )}
          <SandboxPayForm purchaseId={purchase.id} />
          <StatusPoller kind="purchase" id={purchase.id} status={purchase.status} longPoll={false} />
        </>
      )
      break
    }
    case "completed":
      body = (
        <>
          <p className="status-line good-text" role="status">{t("completed")}</p>
          {purchase.points_earned ? <p>{t("pointsEarned", { points: purchase.points_earned })}</p> : null}
          {purchase.items.some((g) => g.preorder) && <p className="muted">{t("preorderNote")}</p>}
          <p className="actions-left">
            <Link href={`/${c}/library`} className="btn btn-primary">{t("toLibrary")}</Link>
            <Link href={`/${c}/games`} className="btn btn-ghost">{t("keepShopping")}</Link>
          </p>
        </>
      )
      break
    case "refunded":
      body = <p className="status-line">{t("refunded")}</p>
      break
    default: {
      const needsAuth = purchase.failure_reason === "authentication_required"
      const attempt = needsAuth ? recallAttempt(actorOf(session.token), purchase.id) : null
      body = (
        <>
          {needsAuth ? (
            <div className="card-panel auth-step" aria-labelledby="auth-h">
              <h2 id="auth-h">{t("authTitle")}</h2>
              <p>{t("authBody")}</p>
              {attempt ? (
                <AuthStepForm country={c} purchaseId={purchase.id} idempotencyKey={randomUUID()} />
              ) : (
                <p><Link href={retry} className="btn btn-primary">{t("tryAgain")}</Link></p>
              )}
            </div>
          ) : (
            <>
              <p className="status-line warn-text" role="alert">
                {t("failed")} {await reasonText("failureReasons", purchase.failure_reason)}
              </p>
              <p className="muted small">{t("nothingCharged")}</p>
              <p className="actions-left">
                <Link href={retry} className="btn btn-primary">{t("tryAgain")}</Link>
              </p>
            </>
          )}
        </>
      )
    }
  }

  return (
    <main id="main" className="page narrow purchase-page">
      <p className="eyebrow">{t("reference", { id: purchase.id })}</p>
      <h1>{purchase.failure_reason === "authentication_required" && purchase.status === "failed" ? t("authTitle") : t(`heading.${purchase.status}`)}</h1>
      {body}
      <section className="card-panel" aria-labelledby="sum-h">
        <h2 id="sum-h">{t("summary")}</h2>
        {items}
        {totals}
        <p className="muted small">{t("placedAt", { date: when(purchase.created_at) })}</p>
      </section>
    </main>
  )
}
