import { addToCartWorkflow, createCartWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import type RegionPolicyModuleService from "../../modules/region-policy/service"
import { isServedIn, purchaseRefused } from "../purchase/policy"

/**
 * While a cart is filled: refuses (403 `country_not_served`) a game not sold in the residence
 * country of the cart's customer. A cart with no customer, a guest's (no account) or a player's who
 * has not declared a residence yet may hold any game: checkout (completeCartWorkflow's validate
 * hook, src/workflows/purchase/cart-rules.ts) applies every purchase rule, and a first purchase
 * takes its residence from the billing country there.
 */
async function assertServedForCartCustomer(container: MedusaContainer, customerId: string | null | undefined, variantIds: string[]) {
  const ids = [...new Set(variantIds.filter(Boolean))]
  if (!ids.length || !customerId) return
  const residence = await container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE).getResidenceCountry(customerId)
  if (!residence) return
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({ entity: "variant", fields: ["id", "product_id"], filters: { id: ids } })
  const productIds = [...new Set(variants.map((v: any) => v.product_id).filter(Boolean))]
  if (!productIds.length) return
  const games = await container
    .resolve<GameModuleService>(GAME_MODULE)
    .listGames({ product_id: productIds }, { select: ["id", "title", "service_countries"] })
  const refused = games.filter((g) => !isServedIn(g, residence))
  if (refused.length) throw purchaseRefused("country_not_served", refused.map((g) => g.title).join(", "))
}

createCartWorkflow.hooks.validate(async ({ input }, { container }) => {
  await assertServedForCartCustomer(
    container,
    (input as any).customer_id,
    ((input as any).items ?? []).map((i: any) => i.variant_id)
  )
})

addToCartWorkflow.hooks.validate(async ({ input, cart }, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [owner] } = await query.graph({ entity: "cart", fields: ["customer_id"], filters: { id: (cart as any).id } })
  await assertServedForCartCustomer(
    container,
    (owner as any)?.customer_id,
    (input.items ?? []).map((i: any) => i.variant_id)
  )
})
