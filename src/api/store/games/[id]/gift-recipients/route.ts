import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { FRIENDS_MODULE } from "../../../../../modules/friends"
import type FriendsModuleService from "../../../../../modules/friends/service"
import { GAME_MODULE } from "../../../../../modules/game"
import type GameModuleService from "../../../../../modules/game/service"
import { REGION_POLICY_MODULE } from "../../../../../modules/region-policy"
import type RegionPolicyModuleService from "../../../../../modules/region-policy/service"
import { giftability } from "../../../../../workflows/gift/rules"
import { playerTimeZone } from "../../../../../modules/account/time-zones"
import { partiesOf } from "../../../../../workflows/gift/parties"

/**
 * The recipient picker of "Buy as gift": every friend, and whether this game can be given to them
 * (`giftable`) or why not (`already_owned`, `country_not_served`, `price_region_mismatch`,
 * `pending_gift`) — the same rules the gift request checks.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const me = req.auth_context.actor_id
  const [game] = await req.scope
    .resolve<GameModuleService>(GAME_MODULE)
    .listGames({ id: req.params.id, published: true }, { select: ["id", "title", "service_countries"], relations: ["prices"] })
  if (!game) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Game '${req.params.id}' not found`)
  const country = await req.scope.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE).getResidenceCountry(me)
  const friends = await req.scope.resolve<FriendsModuleService>(FRIENDS_MODULE).listFriends(me)
  const ids = friends.map((f) => f.customer_id)
  const [verdicts, people] = await Promise.all([
    country ? giftability(req.scope, { sender_country: country, game: game as any, recipient_ids: ids }) : Promise.resolve([]),
    partiesOf(req.scope, ids),
  ])
  const verdictOf = new Map(verdicts.map((v) => [v.customer_id, v]))
  const recipients = ids.map((id) => {
    const verdict = verdictOf.get(id)
    const reason = country ? verdict?.reason ?? null : "residence_required"
    const p = people.get(id)
    // The sender picks a delivery time in their zone; the picker shows it in the friend's as well.
    const time_zone = playerTimeZone(p?.time_zone, verdict?.country)
    return { customer_id: id, handle: p?.handle ?? null, display_name: p?.name ?? null, time_zone, giftable: !reason, reason }
  })
  res.json({ game: { id: game.id, title: game.title }, recipients })
}
