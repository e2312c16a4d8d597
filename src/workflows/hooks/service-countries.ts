import {
  addToCartWorkflow,
  createCartWorkflow,
} from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { assertVariantsServedForCustomer } from "../../lib/service-countries"

async function cartOwner(container: MedusaContainer, cartId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "customer_id", "items.variant_id"],
    filters: { id: cartId },
  })
  return data[0] as { customer_id: string | null; items?: { variant_id: string | null }[] }
}

// Anonymous carts may hold any game; the legal check binds once a customer owns the cart.
createCartWorkflow.hooks.validate(async ({ input }, { container }) => {
  await assertVariantsServedForCustomer(container, {
    customer_id: (input as any).customer_id,
    variant_ids: ((input as any).items ?? []).map((i: any) => i.variant_id),
    require_customer: false,
  })
})

addToCartWorkflow.hooks.validate(async ({ input, cart }, { container }) => {
  const owner = await cartOwner(container, (cart as any).id)
  await assertVariantsServedForCustomer(container, {
    customer_id: owner?.customer_id,
    variant_ids: (input.items ?? []).map((i: any) => i.variant_id),
    require_customer: false,
  })
})
