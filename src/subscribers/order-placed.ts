import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { PURCHASE_MODULE } from "../modules/purchase"
import type PurchaseModuleService from "../modules/purchase/service"
import { fulfilOrderWorkflow } from "../workflows/purchase/fulfil-order"

/**
 * An order a stock storefront placed (`POST /store/carts/:id/complete`) goes through the same
 * steps after the pivot as our purchase saga: capture, points, library, mail. Orders of a purchase
 * saga are left to that saga.
 */
export default async function orderPlacedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({ entity: "order", fields: ["id", "cart.id"], filters: { id: event.data.id } })
  const cartId = (order as any)?.cart?.id
  if (cartId) {
    const [purchase] = await container.resolve<PurchaseModuleService>(PURCHASE_MODULE).listPurchases({ cart_id: cartId }, { select: ["id"], take: 1 })
    if (purchase) return
  }
  await fulfilOrderWorkflow(container).run({ input: { order_id: event.data.id }, context: { transactionId: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "fulfil-placed-order" },
}
