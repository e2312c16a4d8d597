import type { Metadata } from "next"
import Link from "next/link"
import { getTranslations } from "next-intl/server"
import { MarkSeen } from "@/components/forms/GiftForms"
import { describeError } from "@/lib/errors"
import { formatDate } from "@/lib/format"
import { requireSession } from "@/lib/session"
import { getShop } from "@/lib/shop"
import { getNotifications, type Notices } from "@/lib/social"

type Props = { params: Promise<{ country: string }>; searchParams: Promise<{ offset?: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications")
  return { title: t("title"), robots: { index: false } }
}

const PAGE = 20
// Where a notice's subject leads: the page the player acts on.
const TARGET: [RegExp, string][] = [
  [/^friend/, "friends"],
  [/^gift/, "gifts"],
  [/refund|purchase|preorder|payment|release/, "library"],
]

export default async function NotificationsPage({ params, searchParams }: Props) {
  const { country } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  const offset = Math.min(100_000, Math.max(0, Math.floor(Number((await searchParams).offset) || 0)))
  const session = await requireSession(c, `/${c}/notifications`)
  const t = await getTranslations("notifications")
  let data: Notices
  try {
    data = await getNotifications(session.token, PAGE, offset)
  } catch (error) {
    return (
      <main id="main" className="page narrow state-page">
        <h1>{t("title")}</h1>
        <p className="notice notice-warn" role="alert">{await describeError(error)}</p>
      </main>
    )
  }
  const when = (d: string) => formatDate(d, shop.intl, { dateStyle: "medium", timeStyle: "short", timeZone: session.profile.time_zone ?? undefined })
  const newest = offset === 0 ? data.notifications[0]?.created_at ?? null : null
  return (
    <main id="main" className="page narrow notifications-page">
      <h1>{t("title")}</h1>
      {data.unread > 0 && <p className="muted small" role="status">{t("unread", { count: data.unread })}</p>}
      <MarkSeen until={newest} />
      {!data.notifications.length ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <ul className="notice-list">
          {data.notifications.map((n) => {
            const target = TARGET.find(([re]) => re.test(n.template))?.[1]
            const text = n.subject ?? t("generic")
            return (
              <li key={n.id} className={`notice-item card-panel${n.unread ? " is-unread" : ""}`}>
                {n.unread && <span className="chip chip-good">{t("new")}</span>}
                <p className="notice-subject">{target ? <Link href={`/${c}/${target}`}>{text}</Link> : text}</p>
                <time className="muted small" dateTime={n.created_at}>{when(n.created_at)}</time>
              </li>
            )
          })}
        </ul>
      )}
      {data.count > PAGE && (
        <nav className="pager" aria-label={t("pages")}>
          {offset > 0 && <Link href={`/${c}/notifications?offset=${Math.max(0, offset - PAGE)}`}>{t("newer")}</Link>}
          {offset + PAGE < data.count && <Link href={`/${c}/notifications?offset=${offset + PAGE}`}>{t("older")}</Link>}
        </nav>
      )}
    </main>
  )
}
