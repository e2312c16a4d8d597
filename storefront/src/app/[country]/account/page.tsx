import type { Metadata } from "next"
import Link from "next/link"
import { getTranslations } from "next-intl/server"
import { ProfileForm, ResidenceForm } from "@/components/forms/AccountForms"
import { VerifyBanner } from "@/components/VerifyBanner"
import { describeError } from "@/lib/errors"
import { countryName, formatDate } from "@/lib/format"
import { getCountries } from "@/lib/regions"
import { requireSession } from "@/lib/session"
import { getShop } from "@/lib/shop"
import { getCustomer, getPoints, getResidence, getVerification } from "@/lib/store"

type Props = { params: Promise<{ country: string }>; searchParams: Promise<{ points?: string; welcome?: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account")
  return { title: t("title"), robots: { index: false } }
}

const PAGE = 20

function zones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf("timeZone")
  } catch {
    return ["UTC"]
  }
}

export default async function Account({ params, searchParams }: Props) {
  const { country } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  const q = await searchParams
  const offset = Math.max(0, Math.floor(Number(q.points) || 0))
  const session = await requireSession(c, `/${c}/account`)
  const t = await getTranslations("account")
  const token = session.token
  const [customer, verification, residence, points] = await Promise.allSettled([
    getCustomer(token),
    getVerification(token),
    getResidence(token),
    getPoints(token, PAGE, offset),
  ])
  const when = (d: string) => formatDate(d, shop.intl, { dateStyle: "medium", timeStyle: "short", timeZone: session.profile.time_zone ?? undefined })
  const countries = (await getCountries()).map((x) => ({ code: x.code, name: countryName(x.code, shop.locale) }))
  const failed = async (r: PromiseSettledResult<unknown>) => (r.status === "rejected" ? <p className="notice notice-warn">{await describeError(r.reason)}</p> : null)
  const res = residence.status === "fulfilled" ? residence.value.residence : null
  const ver = verification.status === "fulfilled" ? verification.value.email_verification : null
  const pts = points.status === "fulfilled" ? points.value : null

  return (
    <main id="main" className="page account-page">
      <div className="page-head">
        <h1>{t("title")}</h1>
        <p className="actions-left">
          <Link href={`/${c}/library`} className="btn btn-secondary">{t("library")}</Link>
          <Link href={`/${c}/cart`} className="btn btn-ghost">{t("cart")}</Link>
        </p>
      </div>
      {q.welcome && <p className="notice" role="status">{t("welcome", { name: session.profile.display_name })}</p>}
      {ver && !ver.verified && <VerifyBanner email={ver.email} />}
      {await failed(verification)}

      <div className="account-grid">
        <section className="card-panel" aria-labelledby="profile-h">
          <h2 id="profile-h">{t("profile")}</h2>
          {customer.status === "fulfilled" && (
            <p className="muted small">
              {t("emailLabel")}: {customer.value.customer.email}
              {ver?.verified && <span className="chip chip-good">{t("verified")}</span>}
            </p>
          )}
          <ProfileForm
            profile={session.profile}
            zones={zones()}
            defaultZoneLabel={t("zoneDefault", { country: res?.country_code ? countryName(res.country_code, shop.locale) : "—" })}
          />
        </section>

        <section className="card-panel" aria-labelledby="residence-h">
          <h2 id="residence-h">{t("residence")}</h2>
          {await failed(residence)}
          {res && (
            <>
              <p className="big-value">{res.country_code ? countryName(res.country_code, shop.locale) : t("noResidence")}</p>
              <p className="muted small">{t("residenceRule", { days: res.change_days })}</p>
              {res.change_allowed ? (
                <ResidenceForm countries={countries} current={res.country_code} />
              ) : (
                <p className="notice" role="note">
                  {res.next_change_at ? t("nextChange", { date: when(res.next_change_at) }) : t("changeLocked")}
                </p>
              )}
              {res.changes.length > 0 && (
                <details className="log">
                  <summary>{t("changeLog")}</summary>
                  <ul>
                    {res.changes.map((ch) => (
                      <li key={ch.id}>
                        <time dateTime={ch.created_at}>{when(ch.created_at)}</time> —{" "}
                        {ch.from_country ? `${countryName(ch.from_country, shop.locale)} → ` : ""}
                        {countryName(ch.to_country, shop.locale)} <span className="muted">({t(`source.${["signup", "customer", "first_purchase", "staff"].includes(ch.source) ? ch.source : "other"}`)})</span>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          )}
        </section>

        <section className="card-panel points-panel" aria-labelledby="points-h">
          <h2 id="points-h">{t("points")}</h2>
          {await failed(points)}
          {pts && (
            <>
              <p className="big-value">{t("balance", { points: pts.balance })}</p>
              <p className="muted small">{t("pointsNote")}</p>
              {pts.entries.length ? (
                <table className="table">
                  <caption className="sr-only">{t("history")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("date")}</th>
                      <th scope="col">{t("kindLabel")}</th>
                      <th scope="col" className="num">{t("amount")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {pts.entries.map((e) => (
                      <tr key={e.id}>
                        <td><time dateTime={e.created_at}>{when(e.created_at)}</time></td>
                        <td>
                          {t.has(`kind.${e.kind}`) ? t(`kind.${e.kind}`) : e.kind}
                          {e.reason && <span className="muted small"> — {e.reason}</span>}
                        </td>
                        <td className={`num ${e.amount < 0 ? "neg" : "pos"}`}>{e.amount > 0 ? `+${e.amount}` : e.amount}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p className="muted">{t("noHistory")}</p>
              )}
              {pts.count > PAGE && (
                <nav className="pager" aria-label={t("history")}>
                  {offset > 0 && <Link href={`/${c}/account?points=${Math.max(0, offset - PAGE)}`}>{t("newer")}</Link>}
                  <span className="muted small">{t("range", { from: offset + 1, to: Math.min(pts.count, offset + PAGE), count: pts.count })}</span>
                  {offset + PAGE < pts.count && <Link href={`/${c}/account?points=${offset + PAGE}`}>{t("older")}</Link>}
                </nav>
              )}
            </>
          )}
        </section>
      </div>
    </main>
  )
}
