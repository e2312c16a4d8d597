import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import { createGameWorkflow } from "../../../workflows/game/create-game"
import type { AdminCreateGameType, AdminGamesQuery } from "../../utils/validators"
import { ADMIN_GAME_FIELDS, fetchAdminGame, splitDetails } from "./helpers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { q, genre, limit, offset } = req.validatedQuery as z.infer<typeof AdminGamesQuery>
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const filters: Record<string, unknown> = {}
  if (q) filters.title = { $ilike: `%${q}%` }
  if (genre?.length) filters.genres = { $overlap: genre }
  const { data: games, metadata } = await query.graph({
    entity: "game",
    fields: ADMIN_GAME_FIELDS,
    filters,
    pagination: { skip: offset, take: limit, order: { release_at: "DESC" } },
  })
  res.json({ games, count: metadata?.count ?? games.length, limit, offset })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateGameType>,
  res: MedusaResponse
) => {
  const { details, rest } = splitDetails(req.validatedBody)
  const { result } = await createGameWorkflow(req.scope).run({
    input: { ...(rest as any), details },
  })
  res.status(201).json({ game: await fetchAdminGame(req.scope, { id: result.id }) })
}
