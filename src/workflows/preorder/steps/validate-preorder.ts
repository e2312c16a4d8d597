import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../../../modules/game"
import type GameModuleService from "../../../modules/game/service"
import { LIBRARY_MODULE } from "../../../modules/library"
import type LibraryModuleService from "../../../modules/library/service"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"
import { pointsToCash } from "../../../modules/points/values"
import { REGION_POLICY_MODULE } from "../../../modules/region-policy"
import type RegionPolicyModuleService from "../../../modules/region-policy/service"
import { findMethod, maskAccount } from "../../../modules/sandbox-payment/methods"
import { isServedIn, purchaseRefused } from "../../../lib/purchase-policy"
import { resolveRegion } from "../../../lib/regions"

export type PreorderRequest = {
  customer_id: string
  game_id: string
  points: number
  payment?: { method: string; account?: string; authentication?: string } | null
  expected_total?: number
  currency_code?: string
  now?: Date
}

export type PreorderQuote = {
  customer_id: string
  email: string
  game_id: string
  title: string
  product_id: string
  variant_id: string
  release_at: string
  country: string
  region_id: string
  currency_code: string
  total: number
  points_used: number
  cash_amount: number
  payment_method: string | null
  /** What the payer gave for the cash part (method, masked account, authentication), for a rerun of the pivot. */
  payment?: { method: string; account?: string; authentication?: string } | null
}

const refuse = (type: string, message: string, code: string) => new MedusaError(type, message, code)

/**
 * Step 1 of the pre-order saga (sync): every rule a pre-order must meet, with the price from
 * Medusa's pricing (so the staff pre-order price list applies until release).
 */
export async function quotePreorder(container: MedusaContainer, input: PreorderRequest): Promise<PreorderQuote> {
  const now = input.now ?? new Date()
  const [game] = await container
    .resolve<GameModuleService>(GAME_MODULE)
    .listGames({ id: input.game_id, published: true }, { take: 1 })
  if (!game) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Game '${input.game_id}' not found`)

  const country = await container
    .resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
    .getResidenceCountry(input.customer_id)
  if (!country) throw purchaseRefused("residence_required")
  if (!isServedIn(game, country)) throw purchaseRefused("country_not_served", game.title)
  if (!(new Date(game.release_at) > now) || !game.preorder_enabled) {
    throw refuse(MedusaError.Types.NOT_ALLOWED, "Pre-orders for this game are closed", "preorder_closed")
  }
  const owned = await container.resolve<LibraryModuleService>(LIBRARY_MODULE).activeEntitlement(input.customer_id, game.id)
  if (owned) throw refuse(MedusaError.Types.CONFLICT, "You already own this game", "already_owned")

  const region = await resolveRegion(container, { countries: [country] })
  if (input.currency_code && input.currency_code !== region.currency_code) {
    throw refuse(
      MedusaError.Types.INVALID_DATA,
      `Pre-orders from ${country} are paid in ${region.currency_code.toUpperCase()}, not ${input.currency_code.toUpperCase()}`,
      "wrong_currency"
    )
  }
  // Medusa's pricing directly on the variant's price set: the same calculation the variant's
  // calculated_price runs, without reading the variant and price set it does not need here.
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [customer, { data: [link] }] = await Promise.all([
    container.resolve(Modules.CUSTOMER).retrieveCustomer(input.customer_id, { select: ["id", "email"] }),
    query.graph({ entity: "product_variant_price_set", fields: ["price_set_id"], filters: { variant_id: game.variant_id! } }),
  ])
  const [price] = link
    ? await container.resolve(Modules.PRICING).calculatePrices(
        { id: [link.price_set_id] },
        { context: { region_id: region.id, currency_code: region.currency_code, customer: { id: input.customer_id } } as any }
      )
    : []
  const total = Number(price?.calculated_amount ?? NaN)
  if (!Number.isFinite(total)) throw purchaseRefused("no_price_in_region")
  if (input.expected_total !== undefined && Math.abs(input.expected_total - total) > 1e-9) {
    throw refuse(MedusaError.Types.CONFLICT, `The price changed to ${total} ${region.currency_code.toUpperCase()}`, "price_changed")
  }

  const points = input.points ?? 0
  if (!Number.isSafeInteger(points) || points < 0) {
    throw refuse(MedusaError.Types.INVALID_DATA, "Points must be a whole number of at least 0", "invalid_points")
  }
  const pointsCash = Math.min(pointsToCash(points, region.currency_code), total)
  if (points > 0 && pointsToCash(points, region.currency_code) > total + 1e-9) {
    throw refuse(MedusaError.Types.INVALID_DATA, "More points than the price needs", "too_many_points")
  }
  const balance = await container.resolve<PointsModuleService>(POINTS_MODULE).getBalance(input.customer_id)
  if (points > balance) {
    throw refuse(MedusaError.Types.NOT_ALLOWED, `Not enough points: balance ${balance}, needed ${points}`, "insufficient_points")
  }
  const cash = Math.round((total - pointsCash) * 100) / 100
  let method: string | null = null
  if (cash > 0) {
    const found = findMethod(country, input.payment?.method)
    if (!found) {
      throw refuse(
        MedusaError.Types.INVALID_DATA,
        `Payment method '${input.payment?.method ?? ""}' is not offered in ${country}`,
        "unknown_payment_method"
      )
    }
    method = found.id
  }
  return {
    customer_id: input.customer_id,
    email: customer?.email ?? "",
    game_id: game.id,
    title: game.title,
    product_id: game.product_id,
    variant_id: game.variant_id!,
    release_at: new Date(game.release_at).toISOString(),
    country,
    region_id: region.id,
    currency_code: region.currency_code,
    total,
    points_used: points,
    cash_amount: cash,
    payment_method: method,
    payment: method ? { ...input.payment!, method, account: maskAccount(input.payment?.account) } : null,
  }
}

/**
 * Saga step 1 (sync). The request already priced and checked everything (a 4xx, nothing written,
 * when it fails) and stored that quote on the pre-order; the step confirms what can change in the
 * moments since: the pre-order window and ownership. Pricing again would only repeat the request.
 */
export async function confirmQuote(container: MedusaContainer, quote: PreorderQuote, now = new Date()) {
  if (!(new Date(quote.release_at) > now)) {
    throw refuse(MedusaError.Types.NOT_ALLOWED, "Pre-orders for this game are closed", "preorder_closed")
  }
  const owned = await container.resolve<LibraryModuleService>(LIBRARY_MODULE).activeEntitlement(quote.customer_id, quote.game_id)
  if (owned) throw refuse(MedusaError.Types.CONFLICT, "You already own this game", "already_owned")
  return quote
}

export const validatePreorderStep = createStep(
  "validate-preorder",
  withFaults("validate-preorder", async (input: { quote: PreorderQuote }, { container }) =>
    new StepResponse(await confirmQuote(container, input.quote))
  )
)
