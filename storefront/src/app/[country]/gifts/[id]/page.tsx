import type { Metadata } from "next"
import Link from "next/link"
import { notFound } from "next/navigation"
import { getTranslations } from "next-intl/server"
import { GiftButton } from "@/components/forms/GiftForms"
import { StatusPoller } from "@/components/forms/StatusPoller"
import { ApiError } from "@/lib/api"
import { describeError, reasonText } from "@/lib/errors"
import { formatDate, formatPrice } from "@/lib/format"
import { requireSession } from "@/lib/session"
import { getShop } from "@/lib/shop"
import { getGiftView, playerName } from "@/lib/social"
import { ID_PATTERN } from "@/lib/store"

type Props = { params: Promise<{ country: string; id: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("gifts")
  return { title: t("followTitle"), robots: { index: false } }
}

/** A sent gift followed until it is paid (and on to its answer); a deferred payment goes through its purchase page. */
export default async function GiftFollow({ params }: Props) {
  const { country, id } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  if (!ID_PATTERN.test(id)) notFound()
  const session = await requireSession(c, `/${c}/gifts/${id}`)
  const t = await getTranslations("gifts")
  const when = (d: string) => formatDate(d, shop.intl, { dateStyle: "medium", timeStyle: "short", timeZone: session.profile.time_zone ?? undefined })
  const inZone = (d: string, zone: string) => formatDate(d, shop.intl, { dateStyle: "medium", timeStyle: "short", timeZone: zone })
  const back = (
    <p className="actions-left">
      <Link href={`/${c}/gifts`} className="btn btn-secondary">{t("toGifts")}</Link>
    </p>
  )
  try {
    const { gift: g } = await getGiftView(session.token, id)
    const open = ["paying", "scheduled", "delivered"].includes(g.state)
    const state = t.has(`state.${g.state}`) ? t(`state.${g.state}`) : g.state
    return (
      <main id="main" className="page narrow">
        <p className="eyebrow">{t("reference", { id: g.id })}</p>
        <h1>{g.state === "paying" ? t("paying") : g.state === "failed" ? t("failedTitle") : t("followTitle")}</h1>
        <dl className="totals">
          <dt>{t("game")}</dt>
          <dd>{g.game.title}</dd>
          <dt>{g.box === "sent" ? t("to") : t("from")}</dt>
          <dd>{playerName(g.box === "sent" ? g.recipient : g.sender)}</dd>
          <dt>{t("stateLabel")}</dt>
          <dd role="status">{state}</dd>
          {g.deliver_at && g.state === "scheduled" && (
            <>
              <dt>{t("deliveryLabel")}</dt>
              <dd>
                {when(g.deliver_at)}
                {g.recipient_time_zone && <span className="muted small"> — {t("theirTime", { date: inZone(g.deliver_at, g.recipient_time_zone), zone: g.recipient_time_zone })}</span>}
              </dd>
            </>
          )}
          {g.currency_code && (
            <>
              <dt>{t("paid")}</dt>
              <dd>{formatPrice(g.amount ?? 0, g.currency_code, shop.intl)}{g.points_used ? ` (${t("points", { points: g.points_used })})` : ""}</dd>
            </>
          )}
        </dl>
        {g.message && <blockquote className="gift-message">{g.message}</blockquote>}
        {g.state === "failed" && <p className="notice notice-warn" role="alert">{await reasonText("failureReasons", g.failure_reason)}</p>}
        {g.state === "paying" && g.purchase_id && (
          <p className="small"><Link href={`/${c}/purchases/${g.purchase_id}`}>{t("paymentPage")}</Link></p>
        )}
        {g.box === "sent" && g.state === "scheduled" && (
          <GiftButton country={c} op="cancel" id={g.id} text={t("cancel")} label={t("cancelLabel", { game: g.game.title })} confirm={t("cancelConfirm", { game: g.game.title })} variant="btn-ghost" />
        )}
        {open && <StatusPoller kind="gift" id={g.id} status={g.state} longPoll={false} intervalMs={g.state === "paying" ? 2000 : 10_000} />}
        {back}
      </main>
    )
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound()
    return (
      <main id="main" className="page narrow state-page">
        <h1>{t("followTitle")}</h1>
        <p className="notice notice-warn" role="alert">{await describeError(error)}</p>
        {back}
      </main>
    )
  }
}
