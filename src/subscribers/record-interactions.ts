import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RECOMMENDATION_MODULE } from "../modules/recommendation"
import type RecommendationModuleService from "../modules/recommendation/service"
import { signalKeys } from "../modules/recommendation/signals"
import { GIFT_ACCEPTED_EVENT } from "../workflows/gift/answer"

/**
 * Purchases and pre-orders become recommendation signals when their order completes (the saga and
 * a stock checkout both complete it once the games are granted), accepted gifts when the
 * recipient accepts. Keyed by order and game / by gift, so a replayed event records nothing new.
 */
export default async function recordInteractions({ event, container }: SubscriberArgs<{ id: string } | { gift_id: string; customer_id: string; game_id: string }>) {
  const recs = container.resolve<RecommendationModuleService>(RECOMMENDATION_MODULE)
  if (event.name === GIFT_ACCEPTED_EVENT) {
    const d = event.data as { gift_id: string; customer_id: string; game_id: string }
    await recs.recordInteractions([{ customer_id: d.customer_id, game_id: d.game_id, kind: "gift", event_key: signalKeys.gift(d.gift_id) }])
    return
  }
  const orderId = (event.data as { id: string }).id
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // The entitlements say who got which game and how; a gift's comes later, on acceptance.
  const { data } = await query.graph({
    entity: "entitlement",
    fields: ["customer_id", "game_id", "source", "created_at"],
    filters: { order_id: orderId },
  })
  await recs.recordInteractions(
    (data as any[])
      .filter((e) => e.source !== "gift")
      .map((e) => ({
        customer_id: e.customer_id,
        game_id: e.game_id,
        kind: e.source === "preorder" ? ("preorder" as const) : ("purchase" as const),
        occurred_at: new Date(e.created_at),
        event_key: signalKeys.order(orderId, e.game_id),
      }))
  )
}

export const config: SubscriberConfig = {
  event: ["order.completed", GIFT_ACCEPTED_EVENT],
  context: { subscriberId: "record-recommendation-interactions" },
}
