import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import { ACCOUNT_MODULE } from "../../../../../modules/account"
import type AccountModuleService from "../../../../../modules/account/service"
import type { StoreProfileChange } from "../../../../utils/validators"
import { ownProfileView } from "../../../../utils/profile-view"


/** The player's profile; one signed up through a stock storefront gets a generated handle here. */
async function ensureProfile(req: AuthenticatedMedusaRequest) {
  const accounts = req.scope.resolve<AccountModuleService>(ACCOUNT_MODULE)
  const id = req.auth_context.actor_id
  const found = await accounts.profileOf(id)
  if (found) return found
  const customer = await req.scope.resolve(Modules.CUSTOMER).retrieveCustomer(id, { select: ["id", "first_name"] })
  return (await accounts.createProfile({ customer_id: id, display_name: customer.first_name || "Player" })).profile
}

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ profile: ownProfileView(await ensureProfile(req)) })
}

/** Changes the handle (409 `handle_taken`) or the display name. */
export const POST = async (req: AuthenticatedMedusaRequest<z.infer<typeof StoreProfileChange>>, res: MedusaResponse) => {
  await ensureProfile(req)
  const changed = await req.scope.resolve<AccountModuleService>(ACCOUNT_MODULE).changeProfile(req.auth_context.actor_id, req.validatedBody)
  if (!changed) throw new MedusaError(MedusaError.Types.NOT_FOUND, "No profile")
  res.json({ profile: ownProfileView(changed) })
}
