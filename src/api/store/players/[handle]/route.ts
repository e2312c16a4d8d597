import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ACCOUNT_MODULE } from "../../../../modules/account"
import type AccountModuleService from "../../../../modules/account/service"
import { profileView } from "../../../utils/profile-view"

/** A player by handle, as other players see them: handle and display name, never the email. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const profile = await req.scope.resolve<AccountModuleService>(ACCOUNT_MODULE).profileByHandle(req.params.handle)
  if (!profile) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No player '${req.params.handle}'`)
  res.json({ player: profileView(profile) })
}
