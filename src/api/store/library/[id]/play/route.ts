import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { LIBRARY_MODULE } from "../../../../../modules/library"
import type LibraryModuleService from "../../../../../modules/library/service"

/** Records play time (the launcher reports sessions); the refund policy reads it. */
export const POST = async (req: AuthenticatedMedusaRequest<{ minutes: number }>, res: MedusaResponse) => {
  const library = req.scope.resolve<LibraryModuleService>(LIBRARY_MODULE)
  const entitlement = await library.addPlayTime(req.params.id, req.auth_context.actor_id, req.validatedBody.minutes)
  if (!entitlement) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Not in your library")
  res.json({ entitlement: { id: entitlement.id, play_minutes: entitlement.play_minutes } })
}
