import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createPlayerAccountWorkflow } from "../../../workflows/residence/create-player-account"
import type { z } from "@medusajs/framework/zod"
import type { StoreCreateAccount } from "../../utils/validators"
import { accountExistsError } from "../../utils/error-handler"
import { ACCOUNT_MODULE } from "../../../modules/account"
import type AccountModuleService from "../../../modules/account/service"
import { ownProfileView } from "../../utils/profile-view"
import { assertHandle, cleanDisplayName, normalizeHandle } from "../../../modules/account/profile-rules"

/**
 * Sign-up of a player: Medusa customer + residence country in one workflow. A login that already
 * has its customer → 409 `account_exists` (two sign-ups racing end the same way: the loser's
 * workflow fails in Medusa's auth step, mapped by src/api/utils/error-handler.ts).
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<z.infer<typeof StoreCreateAccount>>,
  res: MedusaResponse
) => {
  if (req.auth_context.actor_id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Request already authenticated as a customer.")
  }
  // A registration token stays valid after its sign-up: a second one is a conflict, not a new customer.
  const identity = await req.scope
    .resolve(Modules.AUTH)
    .retrieveAuthIdentity(req.auth_context.auth_identity_id)
    .catch(() => null)
  if (identity?.app_metadata?.customer_id) throw accountExistsError()
  const { residence_country, handle, display_name, time_zone, ...customer } = req.validatedBody
  // Refused before anything is created (the workflow checks again, and a taken handle undoes it).
  if (handle !== undefined) assertHandle(normalizeHandle(handle))
  if (display_name !== undefined) cleanDisplayName(display_name)
  const { result } = await createPlayerAccountWorkflow(req.scope).run({
    input: { auth_identity_id: req.auth_context.auth_identity_id, residence_country, customer, profile: { handle, display_name, time_zone } },
  })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [created],
  } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "first_name", "last_name", "phone", "customer_residence.country_code"],
    filters: { id: result.id },
  })
  const profile = await req.scope.resolve<AccountModuleService>(ACCOUNT_MODULE).profileOf(result.id)
  res.status(200).json({
    customer: {
      ...created,
      residence_country: created.customer_residence?.country_code ?? null,
      profile: profile ? ownProfileView(profile) : null,
    },
  })
}
