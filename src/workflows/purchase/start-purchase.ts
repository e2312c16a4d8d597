import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateEntityId, MedusaError, Modules } from "@medusajs/framework/utils"
import {
  createCartCreditLinesWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  deleteCartCreditLinesWorkflow,
  refreshPaymentCollectionForCartWorkflow,
  updateCartPromotionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { createHash } from "crypto"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import { POINTS_MODULE } from "../../modules/points"
import type PointsModuleService from "../../modules/points/service"
import { pointsToCash } from "../../modules/points/values"
import { PURCHASE_MODULE } from "../../modules/purchase"
import type PurchaseModuleService from "../../modules/purchase/service"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import type RegionPolicyModuleService from "../../modules/region-policy/service"
import { DEFAULT_METHOD_ID, findMethod, SANDBOX_PROVIDER_ID } from "../../modules/sandbox-payment/methods"
import { isServedIn, purchaseRefused } from "./policy"
import { listRegions } from "../../modules/region-policy/regions"
import { assertEmailVerified, checkPurchaseCart, GiftRecipient, POINTS_CREDIT_REFERENCE, readCart, refuse } from "./cart-rules"
import { purchaseWorkflow } from "./purchase"
import { settlePurchaseRun } from "./settle-run"

type StartInput = {
  customer_id: string
  idempotency_key: string
  sales_channel_id?: string | null
  body: PurchaseRequest
  /** A gift purchase: the games are for this recipient; `recorded` runs once the purchase exists, before its saga. */
  gift?: { id: string; recipient: GiftRecipient; recorded: (purchase: { id: string }) => Promise<void> }
}

export type PurchaseRequest = {
  cart_id?: string
  game_ids?: string[]
  points: number
  promo_codes?: string[]
  expected_total?: number
  payment?: { provider_id?: string; method?: string; account?: string; authentication?: string }
}


/** Canonical JSON (sorted keys), so the same request always hashes the same. */
function canonical(value: any): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`
  }
  return JSON.stringify(value)
}

export const requestHash = (body: PurchaseRequest) => createHash("sha256").update(canonical(body)).digest("hex")

/**
 * Accepts a purchase: prepares the player's cart the Medusa way (a cart for "buy now", promotion
 * codes, a points credit line, a payment collection and session with the chosen provider), checks
 * every rule (a 4xx and no purchase when one fails), records the purchase once per idempotency key
 * and runs the saga in the background. The same key with another body is refused (422).
 */
export async function startPurchase(container: MedusaContainer, input: StartInput) {
  const purchases = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
  const hash = requestHash(input.body)
  const find = async () =>
    (await purchases.listPurchases({ customer_id: input.customer_id, idempotency_key: input.idempotency_key }, { take: 1 }))[0]
  const replay = (found: any) => {
    if (found.request_hash !== hash) {
      throw refuse(MedusaError.Types.INVALID_DATA, "This Idempotency-Key was used for another request", "idempotency_key_reused")
    }
    return { purchase: found, created: false as const }
  }
  const existing = await find()
  if (existing) return replay(existing)

  // One request of a player at a time: parallel submits must not rebuild the same cart's payment.
  const locking = container.resolve(Modules.LOCKING)
  return locking.execute(`purchase:${input.customer_id}`, async () => {
    const raced = await find()
    if (raced) return replay(raced)
    return prepareAndStart(container, input, hash)
  }, { timeout: 30 })
}

async function prepareAndStart(container: MedusaContainer, input: StartInput, hash: string) {
  const body = input.body
  const purchaseId = generateEntityId(undefined, "pur")
  // Checked again with every rule below; first here, so that "buy now" makes no cart for nothing.
  await assertEmailVerified(container, input.customer_id)
  const cartId = body.cart_id ?? (await buyNowCart(container, input.customer_id, body.game_ids!, input.sales_channel_id))
  let cart = await readCart(container, cartId)
  if (cart.customer_id !== input.customer_id) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart '${cartId}' not found`)
  const [taken] = await container.resolve<PurchaseModuleService>(PURCHASE_MODULE).listPurchases({ cart_id: cartId }, { take: 1 })
  if (taken) throw refuse(MedusaError.Types.CONFLICT, "This cart is already being purchased", "purchase_in_progress")

  if (body.promo_codes?.length) await applyPromotions(container, cartId, body.promo_codes)
  // A new request replaces the points a previous attempt put on the cart.
  const oldCredit = ((cart.credit_lines ?? []) as any[]).filter((c) => c.reference === POINTS_CREDIT_REFERENCE).map((c) => c.id)
  if (oldCredit.length) await deleteCartCreditLinesWorkflow(container).run({ input: { id: oldCredit } as any })
  if (body.promo_codes?.length || oldCredit.length) cart = await readCart(container, cartId)
  const checked = await checkPurchaseCart(container, cart, { gift: input.gift?.recipient })
  // A gift does not enter the sender's library: buying the same game for oneself meanwhile is fine.
  if (!input.gift) await refuseGamesInFlight(container, input.customer_id, checked.games)

  const currency = cart.currency_code as string
  const total = Number(cart.total)
  if (body.expected_total !== undefined && Math.abs(body.expected_total - total) > 1e-9) {
    throw refuse(MedusaError.Types.CONFLICT, `The price changed to ${total} ${currency.toUpperCase()}`, "price_changed")
  }
  const points = body.points ?? 0
  const pointsCash = pointsToCash(points, currency)
  if (points > 0 && pointsCash > total + 1e-9) {
    throw refuse(MedusaError.Types.INVALID_DATA, "More points than the price needs", "too_many_points")
  }
  const balance = await container.resolve<PointsModuleService>(POINTS_MODULE).getBalance(input.customer_id)
  if (points > balance) {
    throw refuse(MedusaError.Types.NOT_ALLOWED, `Not enough points: balance ${balance}, needed ${points}`, "insufficient_points")
  }
  // Medusa keeps amounts at full precision (a 10% promotion on 19.99 leaves 17.991); so does the quote.
  const cash = Math.round((total - pointsCash) * 1e6) / 1e6

  const payment = body.payment ?? {}
  const providerId = payment.provider_id ?? SANDBOX_PROVIDER_ID
  let method: string | null = null
  if (cash > 0) {
    // Every registration of the sandbox (pp_sandbox_<id>) takes the same per-country methods.
    if (providerId.startsWith("pp_sandbox_")) {
      const found = findMethod(checked.country, payment.method ?? DEFAULT_METHOD_ID)
      if (!found) {
        throw refuse(MedusaError.Types.INVALID_DATA, `Payment method '${payment.method ?? ""}' is not offered in ${checked.country}`, "unknown_payment_method")
      }
      method = found.id
    }
    await assertProviderInRegion(container, cart.region_id, providerId)
  }

  if (points > 0) {
    await createCartCreditLinesWorkflow(container).run({
      input: [{ cart_id: cartId, amount: pointsCash, currency_code: currency, reference: POINTS_CREDIT_REFERENCE, reference_id: purchaseId, metadata: { points } } as any],
    })
  }
  if (cash > 0) {
    const collectionId = await paymentCollectionFor(container, cartId, cart.payment_collection?.id)
    await createPaymentSessionsWorkflow(container).run({
      input: {
        payment_collection_id: collectionId,
        provider_id: providerId,
        customer_id: input.customer_id,
        data: method ? { method, account: payment.account, authentication: payment.authentication, country: checked.country } : {},
      },
    })
  }

  const purchases = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
  let purchase
  try {
    purchase = await purchases.createPurchases({
      id: purchaseId,
      customer_id: input.customer_id,
      cart_id: cartId,
      idempotency_key: input.idempotency_key,
      request_hash: hash,
      region_id: cart.region_id,
      currency_code: currency,
      total,
      discount_total: Number(cart.discount_total ?? 0),
      points_used: points,
      cash_amount: cash,
      payment_provider_id: cash > 0 ? providerId : null,
      payment_method: method,
      items: checked.games as any,
      gift_id: input.gift?.id ?? null,
    })
  } catch (e: any) {
    if (!/unique|duplicate/i.test(`${e?.name} ${e?.message}`)) throw e
    throw refuse(MedusaError.Types.CONFLICT, "This cart is already being purchased", "purchase_in_progress")
  }
  if (input.gift) await input.gift.recorded(purchase)
  purchaseWorkflow(container)
    .run({ input: { purchase_id: purchase.id, cart_id: cartId }, context: { transactionId: purchase.id }, throwOnError: false })
    .then(({ errors }) => settlePurchaseRun(container, purchase.id, errors))
    .catch(() => {})
  return { purchase, created: true as const }
}

/**
 * A game the player is buying in another purchase not settled yet is refused like an owned one:
 * both would pass the ownership rule, both be paid, and only one could enter the library. Runs
 * under the player's lock, so of two parallel requests the second sees the first's purchase.
 */
async function refuseGamesInFlight(container: MedusaContainer, customerId: string, games: { game_id: string; title: string }[]) {
  const open = await container
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listPurchases({ customer_id: customerId, status: ["pending", "awaiting_payment"] }, { select: ["id", "items"] })
  const buying = new Set(open.flatMap((p) => ((p.items ?? []) as unknown as { game_id: string }[]).map((g) => g.game_id)))
  const taken = games.find((g) => buying.has(g.game_id))
  if (taken) throw refuse(MedusaError.Types.CONFLICT, `You are already buying ${taken.title}`, "purchase_in_progress")
}

/** "Buy now": a cart of the given games in the player's residence region. */
async function buyNowCart(container: MedusaContainer, customerId: string, gameIds: string[], salesChannelId?: string | null) {
  const country = await container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE).getResidenceCountry(customerId)
  if (!country) throw purchaseRefused("residence_required")
  const region = (await listRegions(container)).find((r) => r.countries.includes(country))
  if (!region) throw purchaseRefused("no_price_in_region")
  const ids = [...new Set(gameIds)]
  const games = await container
    .resolve<GameModuleService>(GAME_MODULE)
    .listGames({ id: ids, published: true }, { select: ["id", "title", "variant_id", "service_countries"], relations: ["prices"] })
  const missing = ids.find((id) => !games.some((g) => g.id === id && g.variant_id))
  if (missing) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Game '${missing}' not found`)
  // Before the cart: a game not sold there may have no price there either, which Medusa would refuse first.
  const unserved = games.find((g) => !isServedIn(g, country))
  if (unserved) throw purchaseRefused("country_not_served", unserved.title)
  const unpriced = games.find((g) => !(g.prices ?? []).some((p) => p.currency_code === region.currency_code))
  if (unpriced) throw purchaseRefused("no_price_in_region", unpriced.title)
  const customer = await container.resolve(Modules.CUSTOMER).retrieveCustomer(customerId, { select: ["id", "email"] })
  const { result } = await createCartWorkflow(container).run({
    input: {
      region_id: region.id,
      customer_id: customerId,
      email: customer.email ?? undefined,
      ...(salesChannelId ? { sales_channel_id: salesChannelId } : {}),
      billing_address: { country_code: country.toLowerCase() },
      items: games.map((g) => ({ variant_id: g.variant_id!, quantity: 1 })),
    } as any,
  })
  return result.id
}

/**
 * Promotion codes from Medusa's promotion module: an unknown code, an inactive or expired one, or
 * one whose rules do not apply to this cart is a 400 with its reason.
 */
async function applyPromotions(container: MedusaContainer, cartId: string, codes: string[]) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: found } = await query.graph({
    entity: "promotion",
    fields: ["code", "status", "campaign.starts_at", "campaign.ends_at"],
    filters: { code: codes },
  })
  const now = Date.now()
  for (const code of codes) {
    const promotion = (found as any[]).find((p) => p.code === code)
    if (!promotion) throw refuse(MedusaError.Types.INVALID_DATA, `The promotion code ${code} is not valid`, "invalid_promotion_code")
    const starts = promotion.campaign?.starts_at ? new Date(promotion.campaign.starts_at).getTime() : -Infinity
    const ends = promotion.campaign?.ends_at ? new Date(promotion.campaign.ends_at).getTime() : Infinity
    if (promotion.status !== "active" || now < starts || now > ends) {
      throw refuse(MedusaError.Types.INVALID_DATA, `The promotion code ${code} has expired or is not active`, "promotion_expired")
    }
  }
  await updateCartPromotionsWorkflow(container).run({ input: { cart_id: cartId, promo_codes: codes, action: "add" as any } })
  const cart = await readCart(container, cartId)
  const applied = new Set(((cart.promotions ?? []) as any[]).map((p) => p.code))
  const unused = codes.filter((c) => !applied.has(c))
  if (unused.length) {
    await updateCartPromotionsWorkflow(container).run({ input: { cart_id: cartId, promo_codes: unused, action: "remove" as any } })
    throw refuse(MedusaError.Types.INVALID_DATA, `The promotion code ${unused.join(", ")} does not apply to this cart`, "promotion_not_applicable")
  }
}

async function assertProviderInRegion(container: MedusaContainer, regionId: string, providerId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [region] } = await query.graph({ entity: "region", fields: ["payment_providers.id"], filters: { id: regionId } })
  const ids = (((region as any)?.payment_providers ?? []) as any[]).map((p) => p.id)
  if (!ids.includes(providerId)) {
    throw refuse(MedusaError.Types.INVALID_DATA, `Payment provider '${providerId}' is not offered in this region`, "unknown_payment_provider")
  }
}

/** The cart's payment collection, created or brought to the cart's current total. */
async function paymentCollectionFor(container: MedusaContainer, cartId: string, existing?: string): Promise<string> {
  if (existing) {
    await refreshPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cartId } })
    return existing
  }
  await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cartId } })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [fresh] } = await query.graph({ entity: "cart", fields: ["payment_collection.id"], filters: { id: cartId } })
  return (fresh as any).payment_collection.id
}
