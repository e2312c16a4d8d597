import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { syncGameListingWorkflow } from "../workflows/game/sync-game-listing"

/** Keeps the game list's copy of title, status and base prices equal to the product's. */
export default async function syncGameListingHandler({
  event,
  container,
}: SubscriberArgs<{ id: string } | { id: string }[]>) {
  const ids = (Array.isArray(event.data) ? event.data : [event.data]).map((d) => d.id)
  let productIds = ids
  if (event.name.startsWith("product-variant.")) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "variant",
      fields: ["product_id"],
      filters: { id: ids },
      withDeleted: true,
    })
    productIds = data.map((v: any) => v.product_id)
  }
  if (productIds.length) {
    await syncGameListingWorkflow(container).run({ input: { product_ids: productIds } })
  }
}

export const config: SubscriberConfig = {
  event: [
    "product.updated",
    "product.deleted",
    "product-variant.updated",
    "product-variant.created",
    "product-variant.deleted",
  ],
}
