import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RECOMMENDATION_MODULE } from "../../modules/recommendation"
import type RecommendationModuleService from "../../modules/recommendation/service"
import { signalKeys } from "../../modules/recommendation/signals"

/**
 * Records a page view or a play report as a recommendation signal (once per player, game and
 * day). A failure is logged, never answered: the page or the play report matters more than the
 * signal.
 */
export async function recordSignal(scope: Pick<MedusaContainer, "resolve">, kind: "view" | "play", customerId: string, gameId: string) {
  const now = new Date()
  try {
    await scope.resolve<RecommendationModuleService>(RECOMMENDATION_MODULE).recordInteractions([
      { customer_id: customerId, game_id: gameId, kind, occurred_at: now, event_key: signalKeys[kind](customerId, gameId, now) },
    ])
  } catch (e: any) {
    scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`recommendation signal not recorded: ${e?.message ?? e}`)
  }
}
