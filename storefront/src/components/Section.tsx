import Link from "next/link"
import { getTranslations } from "next-intl/server"
import { GameCard } from "./GameCard"
import type { GameListItem } from "@/lib/types"
import type { Shop } from "@/lib/shop"

type Props = {
  id: string
  title: string
  games: GameListItem[] | null
  shop: Shop
  href?: string
  ranked?: boolean
}

/** A home page row: heading, "see all" link, and a scrollable row of cards (a grid on wide screens). */
export async function Section({ id, title, games, shop, href, ranked }: Props) {
  const t = await getTranslations()
  return (
    <section className="section" aria-labelledby={`${id}-h`}>
      <div className="section-head">
        <h2 id={`${id}-h`}>{title}</h2>
        {href && (
          <Link href={href} className="see-all">
            {t("common.seeAll")} <span aria-hidden="true">→</span>
            <span className="sr-only"> — {title}</span>
          </Link>
        )}
      </div>
      {games === null ? (
        <p className="muted">{t("home.sectionFailed")}</p>
      ) : games.length === 0 ? (
        <p className="muted">{t("home.empty")}</p>
      ) : (
        <ol className={`row${ranked ? " ranked" : ""}`}>
          {games.map((game, i) => (
            <li key={game.id}>
              <GameCard game={game} shop={shop} idPrefix={id} rank={ranked ? i + 1 : undefined} />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
