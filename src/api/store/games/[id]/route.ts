import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, QueryContext } from "@medusajs/framework/utils"
import { cachedAnswer, gameTag, markCache } from "../../../../modules/game/catalog-cache"
import { purchaseEligibility } from "../../../../workflows/purchase/policy"
import { storeContext } from "../helpers"
import { STORE_GAME_FIELDS } from "../../../../workflows/game/types"
import { recordSignal } from "../../../utils/record-signal"

/**
 * One game by id or handle, priced by Medusa's pricing in the caller's region (price lists too).
 * The pricing context is Medusa's own for the store (region, currency, the customer's groups), so
 * the answer is shared by every caller with the same region and groups; what depends on the caller
 * alone (may they buy it, their residence) is added after the cached read.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const key = req.params.id
  const ctx = await storeContext(req, req.validatedQuery as any)
  const groups = ctx.customer_id ? await customerGroupIds(query, ctx.customer_id) : []
  const { data: game, hit } = await cachedAnswer(
    req.scope,
    "game",
    { key, region_id: ctx.region.id, currency_code: ctx.region.currency_code, groups },
    (g: any) => [gameTag(g.id)],
    () => readGame(query, key, ctx.region, groups)
  )
  if (!game) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Game '${key}' not found`)
  // A signed-in player's page view is a (weak) taste signal for their recommendations.
  if (ctx.customer_id) await recordSignal(req.scope, "view", ctx.customer_id, game.id as string)
  const now = new Date()
  const purchase = purchaseEligibility({
    game: game as any,
    residence_country: ctx.residence_country,
    logged_in: !!ctx.customer_id,
    has_price: !!game.price,
    now,
  })
  markCache(res, hit)
  res.json({
    game: { ...game, released: new Date(game.release_at as any) <= now, purchase },
    region: { id: ctx.region.id, name: ctx.region.name, currency_code: ctx.region.currency_code },
    residence_country: ctx.residence_country,
  })
}

async function customerGroupIds(query: any, customerId: string): Promise<string[]> {
  const { data } = await query.graph({
    entity: "customer_group",
    fields: ["id"],
    filters: { customers: { id: customerId } },
  })
  return data.map((g: any) => g.id).sort()
}

/** The shared part of the page: the game, its product's texts and images, its price. */
async function readGame(query: any, key: string, region: { id: string; currency_code: string }, groups: string[]) {
  const {
    data: [game],
  } = await query.graph({
    entity: "game",
    fields: STORE_GAME_FIELDS,
    filters: key.startsWith("game_") ? { id: key } : { handle: key },
  })
  if (!game || !game.published) return null
  const {
    data: [product],
  } = await query.graph({
    entity: "product",
    fields: [
      "id",
      "subtitle",
      "description",
      "images.url",
      "variants.id",
      "variants.title",
      "variants.calculated_price.*",
    ],
    filters: { id: game.product_id },
    context: {
      variants: {
        calculated_price: QueryContext({
          region_id: region.id,
          currency_code: region.currency_code,
          ...(groups.length ? { customer: { groups: groups.map((id) => ({ id })) } } : {}),
        }),
      },
    },
  })
  const variant =
    product?.variants?.find((v: any) => v.id === game.variant_id) ?? product?.variants?.[0]
  const calculated = (variant as any)?.calculated_price
  const price =
    calculated?.calculated_amount != null
      ? {
          amount: Number(calculated.calculated_amount),
          original_amount: Number(calculated.original_amount),
          currency_code: calculated.currency_code,
          price_list_type: calculated.calculated_price?.price_list_type ?? null,
        }
      : null
  return {
    ...game,
    subtitle: product?.subtitle ?? null,
    description: product?.description ?? null,
    images: (product?.images ?? []).map((i: any) => i.url),
    variant_id: variant?.id ?? game.variant_id,
    price,
  }
}
