import Link from "next/link"
import { getSession } from "@/lib/session"
import { addToCart } from "@/lib/actions/cart"
import type { Metadata } from "next"
import { getTranslations } from "next-intl/server"
import { Cover } from "@/components/Cover"
import { Countdown } from "@/components/Countdown"
import { Price } from "@/components/Price"
import { residenceRefusal } from "@/components/ResidenceNotice"
import { RecommendationRow } from "@/components/RecommendationRow"
import { api } from "@/lib/api"
import { PLATFORM_NAMES } from "@/lib/catalog"
import { countryName, formatDate, formatPrice, humanize } from "@/lib/format"
import { loadGame } from "@/lib/game"
import { getShop, type Shop } from "@/lib/shop"
import type { GameDetail, Recommendation } from "@/lib/types"

type Props = { params: Promise<{ country: string; id: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { country, id } = await params
  const shop = await getShop(country)
  const { game } = await loadGame(id, shop.country.code)
  const t = await getTranslations()
  const soldHere = game.service_countries.includes(shop.country.code.toUpperCase())
  const price = game.price && soldHere ? formatPrice(game.price.amount, game.price.currency_code, shop.intl) : null
  const genres = game.genres.map((g) => (t.has(`genres.${g}`) ? t(`genres.${g}`) : humanize(g))).join(", ")
  const when = game.released ? null : t("game.metaUpcoming", { date: formatDate(game.release_at, shop.intl) })
  const notSold = soldHere ? null : t("game.notSoldTitle", { country: countryName(shop.country.code, shop.locale) })
  const description = [price && t("game.metaPrice", { price }), notSold, when, genres, game.developer].filter(Boolean).join(" · ")
  const image = game.images[0] ?? game.thumbnail ?? `/api/og/${shop.country.code}/${game.handle}`
  const images = [{ url: image, width: 1200, height: 630, alt: game.title }]
  return {
    title: game.title,
    description,
    alternates: { canonical: `/${shop.country.code}/games/${game.handle}` },
    openGraph: { type: "website", siteName: "kstore", title: game.title, description, images, locale: shop.intl.replace("-", "_") },
    twitter: { card: "summary_large_image", title: game.title, description, images: [image] },
    other: game.price && soldHere
      ? { "product:price:amount": String(game.price.amount), "product:price:currency": game.price.currency_code.toUpperCase() }
      : {},
  }
}

export default async function GamePage({ params }: Props) {
  const { country, id } = await params
  const shop = await getShop(country)
  const { game } = await loadGame(id, shop.country.code)
  const t = await getTranslations()
  const c = shop.country.code
  const genre = (g: string) => (t.has(`genres.${g}`) ? t(`genres.${g}`) : humanize(g))
  // As the player (their own games are left out); a failure only leaves the row out.
  const session = await getSession()
  const similar = await api<{ similar: Recommendation[] }>(`/store/games/${encodeURIComponent(game.id)}/similar`, {
    query: { country_code: c, limit: 8 },
    token: session?.token,
  })
    .then((r) => r.similar)
    .catch((): Recommendation[] => [])

  return (
    <main id="main" className="page game">
      <div className="game-top">
        <div className="game-media">
          <Cover
            title={game.title}
            image={game.images[0] ?? game.thumbnail}
            variant="wide"
            idPrefix="game"
            className="game-cover"
            decorative={false}
            priority
          />
        </div>
        <div className="game-head">
          <p className="eyebrow">
            {game.genres.map((g) => (
              <Link key={g} href={`/${c}/games?genre=${g}`} className="chip">
                {genre(g)}
              </Link>
            ))}
          </p>
          <h1>{game.title}</h1>
          {game.subtitle && <p className="game-subtitle">{game.subtitle}</p>}
          <p className="muted">
            {game.developer}
            {game.publisher && game.publisher !== game.developer ? ` · ${game.publisher}` : ""}
          </p>
          <BuyBox game={game} shop={shop} />
        </div>
      </div>

      <div className="game-body">
        <section aria-labelledby="about-h" className="game-about">
          <h2 id="about-h">{t("game.about")}</h2>
          {game.description ? (
            game.description.split(/\n{2,}/).map((para, i) => <p key={i}>{para}</p>)
          ) : (
            <p className="muted">—</p>
          )}
        </section>
        <section aria-labelledby="details-h" className="game-details">
          <h2 id="details-h">{t("game.details")}</h2>
          <dl>
            <dt>{t("game.developer")}</dt>
            <dd>{game.developer}</dd>
            <dt>{t("game.publisher")}</dt>
            <dd>{game.publisher}</dd>
            <dt>{t("game.releaseDate")}</dt>
            <dd>
              <time dateTime={game.release_at}>{formatDate(game.release_at, shop.intl, { dateStyle: "long", timeZone: "UTC" })}</time>
            </dd>
            <dt>{t("game.platforms")}</dt>
            <dd>{game.platforms.map((p) => PLATFORM_NAMES[p] ?? humanize(p)).join(", ")}</dd>
            <dt>{t("game.ageRating")}</dt>
            <dd>{game.age_rating > 0 ? t("game.age", { age: game.age_rating }) : t("game.allAges")}</dd>
            <dt>{t("game.tags")}</dt>
            <dd className="chips">
              {game.tags.map((tag) => (
                <Link key={tag} href={`/${c}/games?tag=${tag}`} className="chip">
                  {humanize(tag)}
                </Link>
              ))}
            </dd>
          </dl>
        </section>
      </div>
      <RecommendationRow id="similar" title={t("recs.similar")} items={similar} shop={shop} />
    </main>
  )
}

/**
 * Price and the actions. The route's country decides what a visitor sees: a game outside its
 * service countries gets a message instead of buttons. The backend's own `purchase` answer is for
 * the signed-in player's residence (a visitor always gets `login_required`).
 */
async function BuyBox({ game, shop }: { game: GameDetail; shop: Shop }) {
  const t = await getTranslations()
  const c = shop.country.code
  const here = countryName(c, shop.locale)
  const soldHere = game.service_countries.includes(c.toUpperCase())
  const upcoming = !game.released
  const releaseText = formatDate(game.release_at, shop.intl, { dateStyle: "long", timeZone: "UTC" })
  const back = `/${c}/games/${game.handle}`

  const release = upcoming ? (
    <p className="release">
      <span>{t("game.releases", { date: releaseText })}</span>
      <Countdown releaseAt={game.release_at} fallback={t("game.releases", { date: releaseText })} />
    </p>
  ) : (
    <p className="release muted">{t("game.released", { date: releaseText })}</p>
  )

  if (!soldHere) {
    const list = game.service_countries.map((code) => countryName(code, shop.locale))
    return (
      <div className="buybox">
        {release}
        <div className="notice notice-warn" role="note">
          <h2 className="notice-title">{t("game.notSoldTitle", { country: here })}</h2>
          <p>{t("game.notSoldBody", { country: here })}</p>
          <p className="muted small">{t("game.soldIn", { countries: list.join(", ") })}</p>
          <p>
            <Link href={`/${c}/games`}>{t("game.browseHere", { country: here })}</Link>
          </p>
        </div>
      </div>
    )
  }
  if (!game.price) {
    return (
      <div className="buybox">
        {release}
        <p className="notice" role="note">{t("game.noPrice", { country: here })}</p>
      </div>
    )
  }
  const price = (
    <Price
      amount={game.price.amount}
      currency={game.price.currency_code}
      original={game.price.original_amount}
      endsAt={game.price.ends_at ?? null}
      intl={shop.intl}
      size="lg"
    />
  )
  if (upcoming && !game.preorder_enabled) {
    return (
      <div className="buybox">
        {price}
        {release}
        <p className="notice" role="note">{t("game.notOpen")}</p>
      </div>
    )
  }
  // Buy / Pre-order go to checkout with this game (through sign-in when signed out, which carries
  // next / intent / game); Add to cart posts to the cart cookie; Buy as gift opens the gift flow.
  const session = await getSession()
  const refused = session ? await residenceRefusal(session.token, game, shop) : null
  if (refused) {
    return (
      <div className="buybox">
        {price}
        {release}
        {refused}
      </div>
    )
  }
  const signIn = (intent: string) =>
    `/${c}/sign-in?${new URLSearchParams({ next: back, intent, game: game.id }).toString()}`
  const buy = session ? `/${c}/checkout?${new URLSearchParams({ game: game.id }).toString()}` : signIn(upcoming ? "preorder" : "buy")
  return (
    <div className="buybox">
      {price}
      {release}
      <div className="buy-actions">
        <Link href={buy} className="btn btn-primary btn-lg">
          {upcoming ? t("game.preorder") : t("game.buy")}
        </Link>
        <form action={addToCart} className="buy-form">
          <input type="hidden" name="country" value={c} />
          <input type="hidden" name="game" value={game.id} />
          <button type="submit" className="btn btn-secondary">
            {t("game.addToCart")}
          </button>
        </form>
        <Link href={session ? `/${c}/gift?${new URLSearchParams({ game: game.id })}` : signIn("gift")} className="btn btn-ghost">
          {t("game.gift")}
        </Link>
      </div>
      {!session && <p className="muted small">{t("game.signInNote")}</p>}
    </div>
  )
}
