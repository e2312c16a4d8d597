import Link from "next/link"
import { cookies } from "next/headers"
import { getTranslations } from "next-intl/server"
import { SearchBox } from "./SearchBox"
import { PrefsMenu } from "./PrefsMenu"
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n-config"
import { getCountries } from "@/lib/regions"
import type { Shop } from "@/lib/shop"
import { getSession } from "@/lib/session"
import { readCart } from "@/lib/cart"
import { signOut } from "@/lib/actions/auth"
import { getNotifications } from "@/lib/social"

/** The signed-in player's unread notices, for the badge; none shown when the count cannot be had. */
async function unreadCount(token: string) {
  try {
    return (await getNotifications(token, 1, 0)).unread
  } catch {
    return 0
  }
}

export async function Header({ shop }: { shop: Shop }) {
  const t = await getTranslations("common")
  const c = shop.country.code
  const countries = await getCountries()
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value
  const session = await getSession()
  const cartCount = (await readCart()).length
  const unread = session ? await unreadCount(session.token) : 0
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link href={`/${c}`} className="logo" aria-label={`${t("brand")} — ${t("home")}`}>
          <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
            <defs>
              <linearGradient id="logo-g" x1="0" y1="0" x2="1" y2="1">
                <stop offset="0" stopColor="#7c5cff" />
                <stop offset="1" stopColor="#22d3ee" />
              </linearGradient>
            </defs>
            <rect width="32" height="32" rx="8" fill="url(#logo-g)" />
            <path d="M10 8v16M10 16l9-8M13 14l8 10" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" fill="none" />
          </svg>
          <span>{t("brand")}</span>
        </Link>
        <nav aria-label={t("mainNav")} className="main-nav">
          <Link href={`/${c}/games`}>{t("browse")}</Link>
          <Link href={`/${c}/games?status=released&sort=newest`}>{t("newReleases")}</Link>
          <Link href={`/${c}/games?status=upcoming&sort=oldest`}>{t("upcoming")}</Link>
        </nav>
        <SearchBox country={c} intl={shop.intl} />
        <div className="header-actions">
          <PrefsMenu shop={shop} countries={countries} chosenLocale={isLocale(chosen) ? chosen : null} />
          {session ? (
            <details className="prefs account-menu">
              <summary>
                <span className="avatar" aria-hidden="true">
                  {session.profile.display_name.charAt(0).toUpperCase()}
                </span>
                <span className="account-name">{session.profile.display_name}</span>
                <span className="sr-only">{t("accountMenu")}</span>
              </summary>
              <div className="prefs-panel account-panel">
                <p className="muted small">@{session.profile.handle}</p>
                <Link href={`/${c}/account`} className="menu-link">{t("account")}</Link>
                <Link href={`/${c}/library`} className="menu-link">{t("library")}</Link>
                <Link href={`/${c}/friends`} className="menu-link">{t("friends")}</Link>
                <Link href={`/${c}/gifts`} className="menu-link">{t("gifts")}</Link>
                <form action={signOut}>
                  <input type="hidden" name="country" value={c} />
                  <button type="submit" className="btn btn-ghost menu-button">{t("signOut")}</button>
                </form>
              </div>
            </details>
          ) : null}
          {session && (
            <Link href={`/${c}/notifications`} className="header-link notify-link" aria-label={unread > 0 ? t("notificationsUnread", { count: unread }) : t("notifications")}>
              <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
                <path d="M6 17V11a6 6 0 0 1 12 0v6l2 2H4z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
                <path d="M10 21h4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              </svg>
              <span className="notify-text">{t("notifications")}</span>
              {unread > 0 && <span className="cart-count notify-count" aria-hidden="true">{unread > 99 ? "99+" : unread}</span>}
            </Link>
          )}
          {session ? null : (
            <Link href={`/${c}/sign-in`} className="header-link">
              {t("signIn")}
            </Link>
          )}
          <Link href={`/${c}/cart`} className="header-link cart-link">
            <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
              <path d="M3 4h2l2.2 11h11L21 7H7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
              <circle cx="9" cy="19.5" r="1.6" fill="currentColor" />
              <circle cx="17" cy="19.5" r="1.6" fill="currentColor" />
            </svg>
            <span>{t("cart")}</span>
            {cartCount > 0 && (
              <span className="cart-count">
                {cartCount}
                <span className="sr-only"> {t("cartItems", { count: cartCount })}</span>
              </span>
            )}
          </Link>
        </div>
      </div>
    </header>
  )
}
