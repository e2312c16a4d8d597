import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { LIBRARY_MODULE } from "../../../../../modules/library"
import type LibraryModuleService from "../../../../../modules/library/service"
import { recordSignal } from "../../../../utils/record-signal"

/** Records play time (the launcher reports sessions); the refund policy reads it. */
export const POST = async (req: AuthenticatedMedusaRequest<{ minutes: number }>, res: MedusaResponse) => {
  const library = req.scope.resolve<LibraryModuleService>(LIBRARY_MODULE)
  const entitlement = await library.addPlayTime(req.params.id, req.auth_context.actor_id, req.validatedBody.minutes)
  if (!entitlement) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Not in your library")
  await recordSignal(req.scope, "play", req.auth_context.actor_id, entitlement.game_id)
  res.json({ entitlement: { id: entitlement.id, play_minutes: entitlement.play_minutes } })
}
