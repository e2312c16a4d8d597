import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { GAME_MODULE } from "../modules/game"
import { REGION_POLICY_MODULE } from "../modules/region-policy"
import type GameModuleService from "../modules/game/service"
import type RegionPolicyModuleService from "../modules/region-policy/service"
import { isServedIn, purchaseRefused } from "./purchase-policy"

/**
 * Refuses (403) when any of the variants belongs to a game not served in the customer's residence
 * country. Used by every entry point: cart create/add, cart completion, and later gift/download.
 * `require_customer`: whether an anonymous buyer is refused (checkout) or let through (browsing cart);
 * a guest customer (no account, linked to a cart by its email) counts as anonymous.
 */
export async function assertVariantsServedForCustomer(
  container: MedusaContainer,
  input: { customer_id?: string | null; variant_ids: string[]; require_customer: boolean }
) {
  const variantIds = [...new Set(input.variant_ids.filter(Boolean))]
  if (!variantIds.length) return
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "variant",
    fields: ["id", "product_id"],
    filters: { id: variantIds },
  })
  const productIds = [...new Set(variants.map((v: any) => v.product_id).filter(Boolean))]
  if (!productIds.length) return
  const games = await container
    .resolve<GameModuleService>(GAME_MODULE)
    .listGames({ product_id: productIds }, { select: ["id", "title", "service_countries"] })
  if (!games.length) return
  if (!input.customer_id) {
    if (input.require_customer) throw purchaseRefused("login_required")
    return
  }
  const residence = await container
    .resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
    .getResidenceCountry(input.customer_id)
  if (!residence) {
    // A guest customer (created from a cart email) has no account to hold a residence: the cart is
    // as anonymous as before the email, so it may hold any game until checkout asks for a login.
    const customer = await container.resolve(Modules.CUSTOMER).retrieveCustomer(input.customer_id)
    if (customer.has_account) throw purchaseRefused("residence_required")
    if (input.require_customer) throw purchaseRefused("login_required")
    return
  }
  const refused = games.filter((g) => !isServedIn(g, residence))
  if (refused.length) {
    throw purchaseRefused("country_not_served", refused.map((g) => g.title).join(", "))
  }
}
