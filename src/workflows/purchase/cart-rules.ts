import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import { LIBRARY_MODULE } from "../../modules/library"
import type LibraryModuleService from "../../modules/library/service"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import type RegionPolicyModuleService from "../../modules/region-policy/service"
import { isServedIn, purchaseRefused } from "./policy"
import { listRegions } from "../../modules/region-policy/regions"
import { changeResidenceWorkflow } from "../residence/change-residence"
import { ACCOUNT_MODULE } from "../../modules/account"
import type AccountModuleService from "../../modules/account/service"

/** The credit line that pays part of a cart with points (its amount is the points' cash value). */
export const POINTS_CREDIT_REFERENCE = "points"

export const CART_FIELDS = [
  "id",
  "customer_id",
  "customer.has_account",
  "region_id",
  "currency_code",
  "email",
  "completed_at",
  "billing_address.country_code",
  "items.id",
  "items.variant_id",
  "items.product_id",
  "items.quantity",
  "items.title",
  "items.unit_price",
  "items.total",
  "items.discount_total",
  "credit_lines.id",
  "credit_lines.amount",
  "credit_lines.reference",
  "credit_lines.reference_id",
  "credit_lines.metadata",
  "promotions.code",
  "payment_collection.id",
  "total",
  "discount_total",
  "credit_line_total",
  "item_total",
]

export type CartGame = {
  game_id: string
  title: string
  variant_id: string
  line_item_id: string
  release_at: string
  preorder: boolean
  /** What the line costs after promotions. */
  total: number
}

export type CheckedCart = {
  cart: any
  customer_id: string
  country: string
  games: CartGame[]
}

/** Who a gift cart is for: their ownership and residence count instead of (besides) the buyer's. */
export type GiftRecipient = { customer_id: string; country: string }

/** A refusal with the machine-readable code clients branch on. */
export const refuse = (type: string, message: string, code: string) => new MedusaError(type, message, code)

/** A player buys only once the sign-up address is verified (403 `email_unverified`). */
export async function assertEmailVerified(container: MedusaContainer, customerId: string) {
  if (await container.resolve<AccountModuleService>(ACCOUNT_MODULE).isEmailVerified(customerId)) return
  throw refuse(
    MedusaError.Types.FORBIDDEN,
    "Confirm your email address before buying: follow the link we mailed you (POST /store/customers/me/email-verification sends it again)",
    "email_unverified"
  )
}

export async function readCart(container: MedusaContainer, cartId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [cart] } = await query.graph({ entity: "cart", fields: CART_FIELDS, filters: { id: cartId } })
  if (!cart) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart '${cartId}' not found`)
  return cart as any
}

/**
 * Every rule a purchase of a cart must meet, the same for our purchase route and for a stock
 * `POST /store/carts/:id/complete`: a signed-in player with a verified email and a residence
 * (taken from the billing country at a first purchase), the cart in that residence's region, one
 * copy of each game, each game sold in that country, released or open for pre-order, and not
 * owned yet. Takes a cart as `readCart` reads it or as `completeCartWorkflow` hands it to its
 * hooks (customer and region as relations).
 */
export async function checkPurchaseCart(
  container: MedusaContainer,
  cart: any,
  options: { now?: Date; adopt_billing_country?: boolean; gift?: GiftRecipient | null } = {}
): Promise<CheckedCart> {
  const now = options.now ?? new Date()
  if (cart.completed_at) throw refuse(MedusaError.Types.NOT_ALLOWED, "This cart is already checked out", "cart_completed")
  const customerId: string | undefined = cart.customer_id ?? cart.customer?.id
  if (!customerId) throw purchaseRefused("login_required")
  const hasAccount =
    cart.customer?.has_account ??
    (await container.resolve(Modules.CUSTOMER).retrieveCustomer(customerId, { select: ["id", "has_account"] })).has_account
  if (!hasAccount) throw purchaseRefused("login_required")
  // Before anything is written (the billing country's residence below).
  await assertEmailVerified(container, customerId)

  const policy = container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
  let country = await policy.getResidenceCountry(customerId)
  const billing = cart.billing_address?.country_code?.toUpperCase()
  if (!country && billing && options.adopt_billing_country) {
    // A player who signed up through a stock storefront declares a residence with the first purchase.
    // The same workflow as any residence change: logged, and linked to the customer.
    await changeResidenceWorkflow(container).run({
      input: { customer_id: customerId, country_code: billing, source: "first_purchase", expect_none: true },
    })
    country = billing
  }
  if (!country) throw purchaseRefused("residence_required")

  const region = (await listRegions(container)).find((r) => r.countries.includes(country!))
  if (!region || region.id !== (cart.region_id ?? cart.region?.id)) {
    throw refuse(
      MedusaError.Types.NOT_ALLOWED,
      `Players living in ${country} buy in the ${region?.name ?? "their"} region (${region?.currency_code.toUpperCase() ?? "?"})`,
      "wrong_region"
    )
  }

  const items = (cart.items ?? []) as any[]
  if (!items.length) throw refuse(MedusaError.Types.INVALID_DATA, "The cart is empty", "empty_cart")
  const productIds = [...new Set(items.map((i) => i.product_id).filter(Boolean))]
  const games = await container
    .resolve<GameModuleService>(GAME_MODULE)
    .listGames({ product_id: productIds }, { select: ["id", "title", "product_id", "service_countries", "release_at", "preorder_enabled"] })
  const byProduct = new Map(games.map((g) => [g.product_id, g]))

  const seen = new Set<string>()
  const result: CartGame[] = []
  for (const item of items) {
    const game = byProduct.get(item.product_id)
    if (!game) throw refuse(MedusaError.Types.INVALID_DATA, `'${item.title}' is not a game of this store`, "not_a_game")
    if (Number(item.quantity) !== 1 || seen.has(game.id)) {
      throw refuse(MedusaError.Types.INVALID_DATA, `One copy of ${game.title} per player`, "one_copy_per_game")
    }
    seen.add(game.id)
    if (!isServedIn(game, country)) throw purchaseRefused("country_not_served", game.title)
    if (options.gift && !isServedIn(game, options.gift.country)) {
      throw refuse(MedusaError.Types.FORBIDDEN, `${game.title} is not sold in your friend's country`, "country_not_served")
    }
    const upcoming = new Date(game.release_at).getTime() > now.getTime()
    if (upcoming && !game.preorder_enabled) throw purchaseRefused("not_released", game.title)
    result.push({
      game_id: game.id,
      title: game.title,
      variant_id: item.variant_id,
      line_item_id: item.id,
      release_at: new Date(game.release_at).toISOString(),
      preorder: upcoming,
      total: Number(item.total ?? item.unit_price),
    })
  }
  // A gift is owned by its recipient: the sender may give a game they own themselves.
  const owner = options.gift?.customer_id ?? customerId
  const owned = await container.resolve<LibraryModuleService>(LIBRARY_MODULE).ownedGameIds(owner, [...seen])
  const ownedGame = result.find((g) => owned.has(g.game_id))
  if (ownedGame) {
    const whose = options.gift ? "Your friend already owns" : "You already own"
    throw refuse(MedusaError.Types.CONFLICT, `${whose} ${ownedGame.title}`, "already_owned")
  }
  return { cart, customer_id: customerId, country, games: result }
}

/** Points a cart's (or its order's) points credit line pays, from its metadata. */
export function pointsOnCart(cart: { credit_lines?: any[] | null }): number {
  return ((cart.credit_lines ?? []) as any[])
    .filter((c) => c.reference === POINTS_CREDIT_REFERENCE)
    .reduce((sum, c) => sum + Number(c.metadata?.points ?? 0), 0)
}
