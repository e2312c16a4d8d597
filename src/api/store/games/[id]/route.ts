import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, QueryContext } from "@medusajs/framework/utils"
import { purchaseEligibility } from "../../../../workflows/purchase/policy"
import { storeContext } from "../helpers"
import { STORE_GAME_FIELDS } from "../../../../workflows/game/types"
import { recordSignal } from "../../../utils/record-signal"


/** One game by id or handle, priced by Medusa's pricing in the caller's region (price lists too). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const key = req.params.id
  const {
    data: [game],
  } = await query.graph({
    entity: "game",
    fields: STORE_GAME_FIELDS,
    filters: key.startsWith("game_") ? { id: key } : { handle: key },
  })
  if (!game || !game.published) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Game '${key}' not found`)
  }
  const ctx = await storeContext(req, req.validatedQuery as any)
  // A signed-in player's page view is a (weak) taste signal for their recommendations.
  if (ctx.customer_id) await recordSignal(req.scope, "view", ctx.customer_id, game.id as string)
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
          region_id: ctx.region.id,
          currency_code: ctx.region.currency_code,
          ...(ctx.customer_id ? { customer: { id: ctx.customer_id } } : {}),
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
  const now = new Date()
  const purchase = purchaseEligibility({
    game: game as any,
    residence_country: ctx.residence_country,
    logged_in: !!ctx.customer_id,
    has_price: !!price,
    now,
  })
  res.json({
    game: {
      ...game,
      subtitle: product?.subtitle ?? null,
      description: product?.description ?? null,
      images: (product?.images ?? []).map((i: any) => i.url),
      variant_id: variant?.id ?? game.variant_id,
      released: new Date(game.release_at as any) <= now,
      price,
      purchase,
    },
    region: { id: ctx.region.id, name: ctx.region.name, currency_code: ctx.region.currency_code },
    residence_country: ctx.residence_country,
  })
}
