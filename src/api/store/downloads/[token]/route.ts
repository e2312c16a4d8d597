import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { assertCanDownload } from "../../../../modules/library/access"
import { verifyDownload } from "../../../../modules/library/download-link"

// Written out, so a client that maps messages to codes finds each one in the source.
const REFUSALS = {
  malformed: ["Download link malformed", "link_malformed"],
  bad_signature: ["Download link bad signature", "link_bad_signature"],
  expired: ["Download link expired", "link_expired"],
} as const

/**
 * Redeems a signed link: the signature and expiry are checked, and ownership, release and country
 * again, since they may have changed since the link was made. Answers the asset reference.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const verified = verifyDownload(req.params.token)
  if (!verified.ok) {
    const [message, code] = REFUSALS[verified.reason]
    throw new MedusaError(MedusaError.Types.FORBIDDEN, message, code)
  }
  const { game } = await assertCanDownload(req.scope, verified.claim.entitlement_id, verified.claim.customer_id)
  res.json({ download: { game_id: game.id, title: game.title, asset: game.download_asset, expires_at: verified.claim.expires_at } })
}
