import type { Metadata } from "next"
import Link from "next/link"
import { randomUUID } from "node:crypto"
import { getTranslations } from "next-intl/server"
import { Cover } from "@/components/Cover"
import { DownloadForm, RefundForm } from "@/components/forms/LibraryForms"
import { describeError, reasonText } from "@/lib/errors"
import { formatDate } from "@/lib/format"
import { requireSession } from "@/lib/session"
import { getShop } from "@/lib/shop"
import { getLibrary, type LibraryEntry } from "@/lib/store"

type Props = { params: Promise<{ country: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("library")
  return { title: t("title"), robots: { index: false } }
}

/** Owned and pre-ordered games: download from release day, refund under the policy. */
export default async function Library({ params }: Props) {
  const { country } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  const session = await requireSession(c, `/${c}/library`)
  const t = await getTranslations("library")
  let entries: LibraryEntry[]
  try {
    entries = (await getLibrary(session.token)).library
  } catch (error) {
    return (
      <main id="main" className="page narrow state-page">
        <h1>{t("title")}</h1>
        <p className="notice notice-warn" role="alert">{await describeError(error)}</p>
      </main>
    )
  }
  const date = (d: string) => formatDate(d, shop.intl, { dateStyle: "medium", timeZone: session.profile.time_zone ?? "UTC" })
  return (
    <main id="main" className="page library-page">
      <h1>{t("title")}</h1>
      <p className="muted small">{t("policy")}</p>
      {!entries.length ? (
        <div className="empty-state">
          <p className="muted">{t("empty")}</p>
          <Link href={`/${c}/games`} className="btn btn-secondary">{t("browse")}</Link>
        </div>
      ) : (
        <ul className="library-list">
          {await Promise.all(
            entries.map(async (e, i) => {
              const title = e.title ?? t("unknown")
              const hours = Math.floor(e.play_minutes / 60)
              const minutes = e.play_minutes % 60
              return (
                <li key={e.id} className="library-item card-panel">
                  <div className="line-cover">
                    <Cover title={title} variant="wide" idPrefix={`lib-${i}`} label={false} />
                  </div>
                  <div className="library-body">
                    <h2 className="library-title">
                      {e.handle ? <Link href={`/${c}/games/${e.handle}`}>{title}</Link> : title}
                    </h2>
                    <p className="chips">
                      <span className={`chip ${e.status === "downloadable" ? "chip-good" : ""}`}>{t(`status.${e.status}`)}</span>
                      {e.gift_id && <span className="chip">{t("gift")}</span>}
                    </p>
                    <p className="muted small">
                      {e.status === "preordered" && e.release_at ? t("releases", { date: date(e.release_at) }) : t("playTime", { hours, minutes })}
                      {" · "}
                      {t("acquired", { date: date(e.acquired_at) })}
                    </p>
                    <div className="library-actions">
                      {e.status === "downloadable" ? (
                        <DownloadForm entryId={e.id} intl={shop.intl} />
                      ) : (
                        <p className="muted small">{t("downloadFrom", { date: e.release_at ? date(e.release_at) : "—" })}</p>
                      )}
                      {e.refund?.allowed ? (
                        <div>
                          <RefundForm country={c} entry={e} idempotencyKey={randomUUID()} title={title} />
                          <p className="muted small">{e.status === "preordered" ? t("refundPreorder") : t("refundReleased")}</p>
                        </div>
                      ) : e.refund ? (
                        <p className="muted small">{t("noRefund", { reason: await reasonText("refundReasons", e.refund.reason) })}</p>
                      ) : null}
                    </div>
                  </div>
                </li>
              )
            }),
          )}
        </ul>
      )}
    </main>
  )
}
