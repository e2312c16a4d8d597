import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { syncGameListingWorkflow } from "../workflows/game/sync-game-listing"

/**
 * A sale price list starting, changing or going away changes the games it prices (their on-sale
 * flag): Medusa's pricing module tells of the list, this finds the products of its prices and
 * re-syncs their listings, which re-indexes them.
 */
export default async function syncGameSaleHandler({ event, container }: SubscriberArgs<{ id: string | string[] }>) {
  const ids = [event.data.id].flat().filter(Boolean)
  if (!ids.length) return
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "price_list",
    fields: ["id", "prices.price_set.variant.product_id"],
    filters: { id: ids },
    withDeleted: true,
  })
  const productIds = [
    ...new Set(
      data.flatMap((list: any) => (list.prices ?? []).map((p: any) => p.price_set?.variant?.product_id)).filter(Boolean)
    ),
  ] as string[]
  if (productIds.length) {
    await syncGameListingWorkflow(container).run({ input: { product_ids: productIds } })
  }
}

export const config: SubscriberConfig = {
  event: ["pricing.price-list.created", "pricing.price-list.updated", "pricing.price-list.deleted"],
}
