import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { assertCanDownload } from "../../../../../modules/library/access"
import { signDownload } from "../../../../../modules/library/download-link"

/** A signed download link that expires in 15 minutes. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const customerId = req.auth_context.actor_id
  const { entitlement } = await assertCanDownload(req.scope, req.params.id, customerId)
  const { token, expires_at } = signDownload(entitlement.id, customerId)
  res.json({ download: { url: `/store/downloads/${token}`, expires_at } })
}
