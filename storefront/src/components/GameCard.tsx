import Link from "next/link"
import { getTranslations } from "next-intl/server"
import { Cover } from "./Cover"
import { Price } from "./Price"
import { formatDate } from "@/lib/format"
import type { CardGame } from "@/lib/types"
import type { Shop } from "@/lib/shop"

type Props = { game: CardGame; shop: Shop; idPrefix: string; rank?: number }

/** One game in a grid or row: cover, title, genre, and the price or its status in this country. */
export async function GameCard({ game, shop, idPrefix, rank }: Props) {
  const t = await getTranslations()
  const href = `/${shop.country.code}/games/${game.handle}`
  const soldHere = game.service_countries.includes(shop.country.code.toUpperCase())
  const upcoming = !game.released
  return (
    <article className="card">
      <Link href={href} className="card-link">
        <span className="card-cover">
          <Cover title={game.title} image={game.thumbnail} idPrefix={idPrefix} />
          {rank != null && <span className="card-rank" aria-hidden="true">{rank}</span>}
          {upcoming && (
            <span className="card-flag">{game.preorder_enabled ? t("common.preorder") : t("common.comingSoon")}</span>
          )}
        </span>
        <span className="card-title">{game.title}</span>
      </Link>
      <p className="card-meta">
        {game.genres.slice(0, 2).map((g) => (t.has(`genres.${g}`) ? t(`genres.${g}`) : g)).join(" · ")}
      </p>
      <p className="card-price">
        {!soldHere ? (
          <span className="muted">{t("common.notSoldShort")}</span>
        ) : game.price ? (
          <Price amount={game.price.amount} currency={game.price.currency_code} intl={shop.intl} />
        ) : (
          <span className="muted">{t("common.noPriceShort")}</span>
        )}
        {upcoming && (
          <span className="card-date">
            {formatDate(game.release_at, shop.intl)}
          </span>
        )}
      </p>
    </article>
  )
}
