import type { Metadata } from "next"
import { getTranslations } from "next-intl/server"
import { AddFriendForm, FriendButton } from "@/components/forms/FriendForms"
import { describeError } from "@/lib/errors"
import { formatDate } from "@/lib/format"
import { requireSession } from "@/lib/session"
import { getShop } from "@/lib/shop"
import { getBlocks, getFriendRequests, getFriends, playerName } from "@/lib/social"

type Props = { params: Promise<{ country: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("friends")
  return { title: t("title"), robots: { index: false } }
}

/** Add a friend, answer or withdraw requests, remove or block friends, unblock players. */
export default async function Friends({ params }: Props) {
  const { country } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  const session = await requireSession(c, `/${c}/friends`)
  const t = await getTranslations("friends")
  const [friends, requests, blocks] = await Promise.allSettled([getFriends(session.token), getFriendRequests(session.token), getBlocks(session.token)])
  const date = (d: string) => formatDate(d, shop.intl, { dateStyle: "medium", timeZone: session.profile.time_zone ?? "UTC" })
  const failed = async (r: PromiseSettledResult<unknown>) => (r.status === "rejected" ? <p className="notice notice-warn" role="alert">{await describeError(r.reason)}</p> : null)
  const req = requests.status === "fulfilled" ? requests.value : null
  const list = friends.status === "fulfilled" ? friends.value.friends : null
  const blocked = blocks.status === "fulfilled" ? blocks.value.blocks : null

  return (
    <main id="main" className="page friends-page">
      <h1>{t("title")}</h1>
      <div className="account-grid">
        <section className="card-panel" aria-labelledby="add-h">
          <h2 id="add-h">{t("add")}</h2>
          <AddFriendForm country={c} />
        </section>

        <section className="card-panel" aria-labelledby="requests-h">
          <h2 id="requests-h">{t("requests")}</h2>
          {await failed(requests)}
          {req && (
            <>
              <h3 className="list-head">{t("incoming", { count: req.incoming.length })}</h3>
              {req.incoming.length ? (
                <ul className="people-list">
                  {req.incoming.map((r) => {
                    const who = playerName(r.from)
                    return (
                      <li key={r.id} className="person">
                        <span className="person-name">{who}<span className="muted small"> · {date(r.since)}</span></span>
                        <span className="person-actions">
                          <FriendButton country={c} op="accept" id={r.id} text={t("accept")} label={t("acceptLabel", { who })} variant="btn-primary" />
                          <FriendButton country={c} op="decline" id={r.id} text={t("decline")} label={t("declineLabel", { who })} variant="btn-ghost" />
                        </span>
                      </li>
                    )
                  })}
                </ul>
              ) : (
                <p className="muted small">{t("noIncoming")}</p>
              )}
              <h3 className="list-head">{t("outgoing", { count: req.outgoing.length })}</h3>
              {req.outgoing.length ? (
                <ul className="people-list">
                  {req.outgoing.map((r) => {
                    const who = playerName(r.to)
                    return (
                      <li key={r.id} className="person">
                        <span className="person-name">{who}<span className="muted small"> · {date(r.since)}</span></span>
                        <span className="person-actions">
                          <FriendButton country={c} op="cancel" id={r.id} text={t("cancel")} label={t("cancelLabel", { who })} variant="btn-ghost" />
                        </span>
                      </li>
                    )
                  })}
                </ul>
              ) : (
                <p className="muted small">{t("noOutgoing")}</p>
              )}
            </>
          )}
        </section>

        <section className="card-panel" aria-labelledby="friends-h">
          <h2 id="friends-h">{t("friends", { count: list?.length ?? 0 })}</h2>
          {await failed(friends)}
          {list && (list.length ? (
            <ul className="people-list">
              {list.map((f) => {
                const who = playerName(f)
                return (
                  <li key={f.customer_id} className="person">
                    <span className="person-name">{who}<span className="muted small"> · {t("since", { date: date(f.since) })}</span></span>
                    <span className="person-actions">
                      <FriendButton country={c} op="remove" id={f.customer_id} text={t("remove")} label={t("removeLabel", { who })} confirm={t("removeConfirm", { who })} variant="btn-ghost" />
                      <FriendButton country={c} op="block" id={f.customer_id} text={t("block")} label={t("blockLabel", { who })} confirm={t("blockConfirm", { who })} variant="btn-ghost" />
                    </span>
                  </li>
                )
              })}
            </ul>
          ) : (
            <p className="muted">{t("noFriends")}</p>
          ))}
        </section>

        <section className="card-panel" aria-labelledby="blocked-h">
          <h2 id="blocked-h">{t("blocked")}</h2>
          {await failed(blocks)}
          {blocked && (blocked.length ? (
            <ul className="people-list">
              {blocked.map((b) => {
                const who = playerName(b)
                return (
                  <li key={b.customer_id} className="person">
                    <span className="person-name">{who}</span>
                    <span className="person-actions">
                      <FriendButton country={c} op="unblock" id={b.customer_id} text={t("unblock")} label={t("unblockLabel", { who })} variant="btn-ghost" />
                    </span>
                  </li>
                )
              })}
            </ul>
          ) : (
            <p className="muted small">{t("noBlocked")}</p>
          ))}
          <p className="muted small">{t("blockNote")}</p>
        </section>
      </div>
    </main>
  )
}
