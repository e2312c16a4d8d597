import Link from "next/link"
import { getTranslations } from "next-intl/server"
import { countryName } from "@/lib/format"
import type { Shop } from "@/lib/shop"
import { getGameAs } from "@/lib/store"
import type { GameDetail } from "@/lib/types"

/**
 * For a signed-in player on a game page: the reason they cannot buy a game the route's country
 * sells, when their residence country is outside its service countries (purchases follow the
 * residence, not the shop being browsed). Null when they may buy, or when the backend's answer
 * cannot be had (checkout checks again).
 */
export async function residenceRefusal(token: string, game: GameDetail, shop: Shop) {
  let answer: Awaited<ReturnType<typeof getGameAs>>
  try {
    answer = await getGameAs(token, game.id, shop.country.code)
  } catch {
    return null
  }
  if (answer.game.purchase.allowed || answer.game.purchase.reason !== "country_not_served" || !answer.residence_country) return null
  const t = await getTranslations("game")
  const c = shop.country.code
  const residence = countryName(answer.residence_country.toLowerCase(), shop.locale)
  const list = game.service_countries.map((code) => countryName(code, shop.locale))
  return (
    <div className="notice notice-warn" role="note">
      <h2 className="notice-title">{t("residenceTitle", { country: residence })}</h2>
      <p>{t("residenceBody", { country: residence })}</p>
      <p className="muted small">{t("soldIn", { countries: list.join(", ") })}</p>
      <p>
        <Link href={`/${c}/account`}>{t("residenceAccount")}</Link>
      </p>
    </div>
  )
}
