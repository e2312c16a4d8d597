import Link from "next/link"
import type { Metadata } from "next"
import { getTranslations } from "next-intl/server"
import { Cover } from "@/components/Cover"
import { Price } from "@/components/Price"
import { Section } from "@/components/Section"
import { RecommendationRow } from "@/components/RecommendationRow"
import { api } from "@/lib/api"
import { getSession } from "@/lib/session"
import { listGames } from "@/lib/medusa"
import { getShop, type Shop } from "@/lib/shop"
import { formatDate } from "@/lib/format"
import type { GameListItem, GameQuery, Recommendation } from "@/lib/types"

type Params = { params: Promise<{ country: string }> }

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { country } = await params
  const t = await getTranslations("home")
  return {
    title: { absolute: t("metaTitle") },
    description: t("metaDescription"),
    alternates: { canonical: `/${country}` },
    openGraph: { title: t("metaTitle"), description: t("metaDescription"), type: "website", siteName: "kstore" },
  }
}

export default async function Home({ params }: Params) {
  const { country } = await params
  const shop = await getShop(country)
  const t = await getTranslations()
  const c = shop.country.code
  // Only games sold in this country (service country), priced in its region.
  const base: GameQuery = { country: c.toUpperCase(), country_code: c }

  const session = await getSession()
  // A signed-in player's own row; a failure only leaves it out.
  const forYou = session
    ? api<{ recommendations: Recommendation[] }>("/store/recommendations", { query: { limit: 12 }, token: session.token })
        .then((r) => r.recommendations)
        .catch((): Recommendation[] => [])
    : Promise.resolve([] as Recommendation[])
  const results = await Promise.allSettled([
    // TODO(api): no merchandising flag yet; "featured" shows the priciest released games sold here.
    // Waits for `GET /store/games?featured=true` (a staff-picked flag or collection on the game).
    listGames({ ...base, status: "released", order: "-price", limit: 5 }),
    listGames({ ...base, status: "released", order: "-release_at", limit: 12 }),
    listGames({ ...base, status: "upcoming", order: "release_at", limit: 12 }),
    // TODO(api): no sales ranking yet; "top sellers" shows the released games after the new
    // releases row. Waits for `GET /store/games?order=-sales` (units sold in the region, e.g. last 30 days).
    listGames({ ...base, status: "released", order: "-release_at", offset: 12, limit: 10 }),
  ])
  if (results.every((r) => r.status === "rejected")) {
    throw new Error("The store API could not be reached", { cause: (results[0] as PromiseRejectedResult).reason })
  }
  const [featured, fresh, upcoming, top] = results.map((r) => (r.status === "fulfilled" ? r.value.games : null))
  const recommended = await forYou

  return (
    <main id="main" className="page">
      <h1 className="sr-only">{t("home.metaTitle")}</h1>
      {featured && featured.length > 0 && <Featured games={featured} shop={shop} />}
      <RecommendationRow id="for-you" title={t("recs.forYou")} items={recommended} shop={shop} />
      <Section
        id="new"
        title={t("home.newReleases")}
        games={fresh}
        shop={shop}
        href={`/${c}/games?status=released&sort=newest`}
      />
      <Section
        id="upcoming"
        title={t("home.upcoming")}
        games={upcoming}
        shop={shop}
        href={`/${c}/games?status=upcoming&sort=oldest`}
      />
      <Section id="top" title={t("home.topSellers")} games={top} shop={shop} ranked />
    </main>
  )
}

async function Featured({ games, shop }: { games: GameListItem[]; shop: Shop }) {
  const t = await getTranslations()
  const [hero, ...rest] = games
  const c = shop.country.code
  return (
    <section className="featured" aria-labelledby="featured-h">
      <h2 id="featured-h" className="eyebrow">
        {t("home.featured")}
      </h2>
      <div className="featured-grid">
        <article className="hero">
          <Link href={`/${c}/games/${hero.handle}`} className="hero-link">
            <Cover title={hero.title} image={hero.thumbnail} variant="wide" idPrefix="hero" className="hero-cover" priority label={false} />
            <span className="hero-body">
              <span className="hero-title">{hero.title}</span>
              <span className="hero-meta">
                {hero.genres.map((g) => (t.has(`genres.${g}`) ? t(`genres.${g}`) : g)).join(" · ")} ·{" "}
                {t("game.released", { date: formatDate(hero.release_at, shop.intl) })}
              </span>
              <span className="hero-buy">
                {hero.price && <Price amount={hero.price.amount} currency={hero.price.currency_code} intl={shop.intl} size="lg" />}
                <span className="btn btn-primary" aria-hidden="true">
                  {t("home.viewGame")}
                </span>
              </span>
            </span>
          </Link>
        </article>
        <ul className="featured-side">
          {rest.map((game) => (
            <li key={game.id}>
              <Link href={`/${c}/games/${game.handle}`} className="mini">
                <Cover title={game.title} image={game.thumbnail} variant="wide" idPrefix="feat" className="mini-cover" label={false} />
                <span className="mini-body">
                  <span className="mini-title">{game.title}</span>
                  {game.price && <Price amount={game.price.amount} currency={game.price.currency_code} intl={shop.intl} />}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}
