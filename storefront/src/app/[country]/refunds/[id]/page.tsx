import type { Metadata } from "next"
import Link from "next/link"
import { notFound } from "next/navigation"
import { getTranslations } from "next-intl/server"
import { StatusPoller } from "@/components/forms/StatusPoller"
import { ApiError } from "@/lib/api"
import { describeError, reasonText } from "@/lib/errors"
import { formatDate, formatPrice } from "@/lib/format"
import { requireSession } from "@/lib/session"
import { getShop } from "@/lib/shop"
import { getGift, getRefund, ID_PATTERN } from "@/lib/store"

type Props = { params: Promise<{ country: string; id: string }>; searchParams: Promise<{ gift?: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("refund")
  return { title: t("title"), robots: { index: false } }
}

/** A refund followed until it is through (GET /store/refunds/:id?wait=), or a gift given back (its state). */
export default async function RefundPage({ params, searchParams }: Props) {
  const { country, id } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  if (!ID_PATTERN.test(id)) notFound()
  const isGift = (await searchParams).gift === "1"
  const session = await requireSession(c, `/${c}/refunds/${id}${isGift ? "?gift=1" : ""}`)
  const t = await getTranslations("refund")
  const when = (d: string) => formatDate(d, shop.intl, { dateStyle: "medium", timeStyle: "short", timeZone: session.profile.time_zone ?? undefined })
  const back = (
    <p className="actions-left">
      <Link href={`/${c}/library`} className="btn btn-secondary">{t("toLibrary")}</Link>
    </p>
  )
  try {
    if (isGift) {
      const { gift } = await getGift(session.token, id)
      const done = gift.state === "refunded"
      return (
        <main id="main" className="page narrow">
          <h1>{done ? t("done") : t("working")}</h1>
          <p>{t("giftBody", { title: gift.game.title })}</p>
          <p role="status">{t(`giftState.${gift.state}`)}</p>
          {!done && gift.state === "accepted" && <StatusPoller kind="gift" id={gift.id} status={gift.state} longPoll={false} intervalMs={3000} />}
          {back}
        </main>
      )
    }
    const { refund } = await getRefund(session.token, id, 3)
    const money = (n: number) => formatPrice(n, refund.currency_code, shop.intl)
    return (
      <main id="main" className="page narrow">
        <p className="eyebrow">{t("reference", { id: refund.id })}</p>
        <h1>{refund.status === "refunded" ? t("done") : refund.status === "failed" ? t("failedTitle") : t("working")}</h1>
        <ul className="summary-list">
          {refund.games.map((g) => (
            <li key={g.game_id}>
              <span>{g.title}</span>
              <span>{money(Number(g.total))}</span>
            </li>
          ))}
        </ul>
        {refund.status === "refunding" && <StatusPoller kind="refund" id={refund.id} status={refund.status} longPoll />}
        {refund.status === "refunded" && (
          <dl className="totals" role="status">
            <dt>{t("amount")}</dt>
            <dd>{money(refund.amount ?? 0)}</dd>
            {!!refund.points_restored && (<><dt>{t("pointsRestored")}</dt><dd>{refund.points_restored}</dd></>)}
            {!!refund.points_clawed_back && (<><dt>{t("pointsClawedBack")}</dt><dd>−{refund.points_clawed_back}</dd></>)}
            {!!refund.shortfall_points && (<><dt>{t("shortfall")}</dt><dd>{refund.shortfall_points}</dd></>)}
            {refund.refunded_at && (<><dt>{t("refundedAt")}</dt><dd>{when(refund.refunded_at)}</dd></>)}
          </dl>
        )}
        {refund.status === "failed" && (
          <div className="notice notice-warn" role="alert">
            <p>{await reasonText("failureReasons", refund.failure_reason)}</p>
            <p>{refund.next_retry_at ? t("retryAt", { date: when(refund.next_retry_at) }) : t("staffRetry")}</p>
          </div>
        )}
        {refund.status === "failed" && refund.next_retry_at && <StatusPoller kind="refund" id={refund.id} status={refund.status} longPoll={false} intervalMs={15000} />}
        {back}
      </main>
    )
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound()
    return (
      <main id="main" className="page narrow state-page">
        <h1>{t("title")}</h1>
        <p className="notice notice-warn" role="alert">{await describeError(error)}</p>
        {back}
      </main>
    )
  }
}
