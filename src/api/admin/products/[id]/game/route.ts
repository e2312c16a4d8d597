import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { upsertProductGameWorkflow } from "../../../../../workflows/game/upsert-product-game"
import type { GameDetailsSchema } from "../../../../utils/validators"
import { fetchAdminGame } from "../../../games/helpers"

/** The game details of a product (null when the product is not a game yet): the admin widget. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [product],
  } = await query.graph({ entity: "product", fields: ["id", "game.id"], filters: { id: req.params.id } })
  if (!product) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product '${req.params.id}' not found`)
  const game = product.game?.id ? await fetchAdminGame(req.scope, { id: product.game.id }) : null
  res.json({ game })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<z.infer<typeof GameDetailsSchema>>,
  res: MedusaResponse
) => {
  const { result } = await upsertProductGameWorkflow(req.scope).run({
    input: { product_id: req.params.id, details: req.validatedBody as any },
  })
  res.json({ game: await fetchAdminGame(req.scope, { id: result!.id }) })
}
