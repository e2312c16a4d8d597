import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../game"
import type GameModuleService from "../game/service"
import { LIBRARY_MODULE } from "."
import type LibraryModuleService from "./service"
import { REGION_POLICY_MODULE } from "../region-policy"
import type RegionPolicyModuleService from "../region-policy/service"
import { isServedIn, purchaseRefused } from "../../workflows/purchase/policy"

/**
 * Who may download: the owner of an active entitlement, on or after release day, living in one of
 * the game's service countries (checked at every download, so a move abroad is respected).
 */
export async function assertCanDownload(container: MedusaContainer, entitlementId: string, customerId: string, now = new Date()) {
  const [entitlement] = await container
    .resolve<LibraryModuleService>(LIBRARY_MODULE)
    .listEntitlements({ id: entitlementId, customer_id: customerId, status: "active" }, { take: 1 })
  if (!entitlement) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Not in your library")
  const game = await container.resolve<GameModuleService>(GAME_MODULE).retrieveGame(entitlement.game_id)
  if (new Date(game.release_at) > now) {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, `Downloadable from ${new Date(game.release_at).toISOString()}`, "not_released")
  }
  const residence = await container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE).getResidenceCountry(customerId)
  if (!isServedIn(game, residence)) throw purchaseRefused("country_not_served", game.title)
  return { entitlement, game }
}
