import Link from "next/link"
import { getTranslations } from "next-intl/server"
import { Cover } from "./Cover"
import { formatDate } from "@/lib/format"
import type { Recommendation } from "@/lib/types"
import type { Shop } from "@/lib/shop"

type Props = { id: string; title: string; items: Recommendation[]; shop: Shop }

/**
 * A row of recommended games, each with why it is there ("Because you played …"). No price: the
 * game page shows the one Medusa's pricing gives, sale included, a click away.
 */
export async function RecommendationRow({ id, title, items, shop }: Props) {
  if (!items.length) return null
  const t = await getTranslations()
  const c = shop.country.code
  const genre = (g: string) => (t.has(`genres.${g}`) ? t(`genres.${g}`) : g)
  const reason = (r: Recommendation["reason"]) => {
    const key = `recs.${r.kind}`
    return t.has(key) ? t(key, { game: r.game?.title ?? "", genre: genre(r.genre ?? "") }) : r.text
  }
  return (
    <section className="section" aria-labelledby={`${id}-h`}>
      <div className="section-head">
        <h2 id={`${id}-h`}>{title}</h2>
      </div>
      <ol className="row">
        {items.map(({ game, reason: why }) => (
          <li key={game.id}>
            <article className="card">
              <Link href={`/${c}/games/${game.handle}`} className="card-link">
                <span className="card-cover">
                  <Cover title={game.title} image={game.thumbnail} idPrefix={id} />
                </span>
                <span className="card-title">{game.title}</span>
              </Link>
              <p className="card-meta">{reason(why)}</p>
              {!game.released && <p className="card-price"><span className="card-date">{formatDate(game.release_at, shop.intl)}</span></p>}
            </article>
          </li>
        ))}
      </ol>
    </section>
  )
}
