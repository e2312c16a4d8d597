import type { Metadata } from "next"
import Link from "next/link"
import { getTranslations } from "next-intl/server"
import { GiftButton } from "@/components/forms/GiftForms"
import { describeError } from "@/lib/errors"
import { formatDate, formatPrice } from "@/lib/format"
import { requireSession } from "@/lib/session"
import { getShop } from "@/lib/shop"
import { getGifts, playerName } from "@/lib/social"

type Props = { params: Promise<{ country: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("gifts")
  return { title: t("title"), robots: { index: false } }
}

/** Received gifts (accept / decline while open) and sent ones with their state (cancel while scheduled). */
export default async function Gifts({ params }: Props) {
  const { country } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  const session = await requireSession(c, `/${c}/gifts`)
  const t = await getTranslations("gifts")
  const [received, sent] = await Promise.allSettled([getGifts(session.token, "received"), getGifts(session.token, "sent")])
  const when = (d: string) => formatDate(d, shop.intl, { dateStyle: "medium", timeStyle: "short", timeZone: session.profile.time_zone ?? undefined })
  const failed = async (r: PromiseSettledResult<unknown>) => (r.status === "rejected" ? <p className="notice notice-warn" role="alert">{await describeError(r.reason)}</p> : null)
  const state = (s: string) => (t.has(`state.${s}`) ? t(`state.${s}`) : s)

  return (
    <main id="main" className="page gifts-page">
      <div className="page-head">
        <h1>{t("title")}</h1>
        <p className="actions-left">
          <Link href={`/${c}/friends`} className="btn btn-secondary">{t("friends")}</Link>
          <Link href={`/${c}/library`} className="btn btn-ghost">{t("library")}</Link>
        </p>
      </div>

      <section aria-labelledby="received-h" className="gift-section">
        <h2 id="received-h">{t("received")}</h2>
        {await failed(received)}
        {received.status === "fulfilled" && (received.value.gifts.length ? (
          <ul className="gift-list">
            {received.value.gifts.map((g) => {
              const from = playerName(g.sender)
              return (
                <li key={g.id} className="gift-item card-panel">
                  <h3 className="gift-title">{t("fromLine", { game: g.game.title, from })}</h3>
                  <p className="chips"><span className={`chip ${g.state === "accepted" ? "chip-good" : ""}`}>{state(g.state)}</span></p>
                  {g.message ? <blockquote className="gift-message">{g.message}</blockquote> : <p className="muted small">{t("noMessage")}</p>}
                  <p className="muted small">
                    {g.delivered_at && t("deliveredAt", { date: when(g.delivered_at) })}
                    {g.state === "delivered" && g.expires_at && <> · {t("expiresAt", { date: when(g.expires_at) })}</>}
                  </p>
                  {g.state === "delivered" && (
                    <div className="library-actions">
                      <GiftButton country={c} op="accept" id={g.id} text={t("accept")} label={t("acceptLabel", { game: g.game.title, from })} variant="btn-primary" />
                      <GiftButton country={c} op="decline" id={g.id} text={t("decline")} label={t("declineLabel", { game: g.game.title, from })} confirm={t("declineConfirm", { game: g.game.title })} variant="btn-ghost" />
                    </div>
                  )}
                  {g.state === "accepted" && <p className="small"><Link href={`/${c}/library`}>{t("inLibrary")}</Link></p>}
                </li>
              )
            })}
          </ul>
        ) : (
          <p className="muted">{t("noReceived")}</p>
        ))}
      </section>

      <section aria-labelledby="sent-h" className="gift-section">
        <h2 id="sent-h">{t("sent")}</h2>
        {await failed(sent)}
        {sent.status === "fulfilled" && (sent.value.gifts.length ? (
          <table className="table gift-table">
            <caption className="sr-only">{t("sent")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("game")}</th>
                <th scope="col">{t("to")}</th>
                <th scope="col">{t("stateLabel")}</th>
                <th scope="col" className="num">{t("paid")}</th>
                <th scope="col"><span className="sr-only">{t("actions")}</span></th>
              </tr>
            </thead>
            <tbody>
              {sent.value.gifts.map((g) => (
                <tr key={g.id}>
                  <td><Link href={`/${c}/gifts/${g.id}`}>{g.game.title}</Link></td>
                  <td>{playerName(g.recipient)}</td>
                  <td>
                    {state(g.state)}
                    {g.state === "scheduled" && g.deliver_at && (
                      <span className="muted small"> — {t("deliversAt", { date: when(g.deliver_at) })}</span>
                    )}
                  </td>
                  <td className="num">{g.currency_code ? formatPrice(g.amount ?? 0, g.currency_code, shop.intl) : "—"}</td>
                  <td>
                    {g.state === "scheduled" && (
                      <GiftButton country={c} op="cancel" id={g.id} text={t("cancel")} label={t("cancelLabel", { game: g.game.title })} confirm={t("cancelConfirm", { game: g.game.title })} variant="btn-ghost" />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{t("noSent")}</p>
        ))}
      </section>
    </main>
  )
}
