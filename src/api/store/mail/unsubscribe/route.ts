import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MAIL_MODULE } from "../../../../modules/mail"
import type MailModuleService from "../../../../modules/mail/service"
import { verifyUnsubscribe } from "../../../../modules/mail/unsubscribe-token"
import type { StoreUnsubscribeType } from "../../../utils/validators"

/**
 * Follows a mail's unsubscribe link (the storefront's /unsubscribe page posts its token). No
 * sign-in: the signature is the proof, and the token can only opt its own player out of its topic.
 */
export async function POST(req: MedusaRequest<StoreUnsubscribeType>, res: MedusaResponse) {
  const claim = verifyUnsubscribe(req.validatedBody.token)
  if (!claim) throw new MedusaError(MedusaError.Types.INVALID_DATA, "This unsubscribe link is not valid", "unsubscribe_invalid")
  await req.scope.resolve<MailModuleService>(MAIL_MODULE).optOut(claim.customer_id, claim.topic)
  res.json({ unsubscribed: { topic: claim.topic } })
}
