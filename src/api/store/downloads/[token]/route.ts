import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { assertCanDownload } from "../../../../modules/library/access"
import { verifyDownload } from "../../../../modules/library/download-link"

/**
 * Redeems a signed link: the signature and expiry are checked, and ownership, release and country
 * again, since they may have changed since the link was made. Answers the asset reference.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const verified = verifyDownload(req.params.token)
  if (!verified.ok) {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, `Download link ${verified.reason.replace("_", " ")}`, `link_${verified.reason}`)
  }
  const { game } = await assertCanDownload(req.scope, verified.claim.entitlement_id, verified.claim.customer_id)
  res.json({ download: { game_id: game.id, title: game.title, asset: game.download_asset, expires_at: verified.claim.expires_at } })
}
