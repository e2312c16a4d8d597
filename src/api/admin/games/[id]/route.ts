import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateGameWorkflow } from "../../../../workflows/game/update-game"
import { deleteGameWorkflow } from "../../../../workflows/game/delete-game"
import type { AdminUpdateGameType } from "../../../utils/validators"
import { fetchAdminGame, splitDetails } from "../helpers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ game: await fetchAdminGame(req.scope, { id: req.params.id }) })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateGameType>,
  res: MedusaResponse
) => {
  const { details, rest } = splitDetails(req.validatedBody)
  await updateGameWorkflow(req.scope).run({
    input: { id: req.params.id, details: details as any, prices: (rest as any).prices },
  })
  res.json({ game: await fetchAdminGame(req.scope, { id: req.params.id }) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await deleteGameWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json(result)
}
