import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { ACCOUNT_MODULE } from "../../../../../modules/account"
import type AccountModuleService from "../../../../../modules/account/service"
import { sendVerificationMail } from "../../../../../workflows/steps/email-verification"

async function state(req: AuthenticatedMedusaRequest) {
  const customer = await req.scope.resolve(Modules.CUSTOMER).retrieveCustomer(req.auth_context.actor_id, { select: ["id", "email"] })
  const verification = await req.scope.resolve<AccountModuleService>(ACCOUNT_MODULE).emailVerificationState(customer.id)
  return { customer, verification }
}

/** Whether the signed-in player's address is verified. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { customer, verification } = await state(req)
  res.json({ email_verification: { email: customer.email, verified: verification.verified, verified_at: verification.verified_at } })
}

/**
 * Mails the verification link again (202), at most once a minute (a second request in the same
 * minute mails nothing more); a verified address answers 200 and mails nothing.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { customer, verification } = await state(req)
  if (verification.verified) {
    res.json({ email_verification: { email: customer.email, verified: true, verified_at: verification.verified_at } })
    return
  }
  await sendVerificationMail(req.scope, { id: customer.id, email: customer.email! }, `resend:${Math.floor(Date.now() / 60_000)}`)
  res.status(202).json({ email_verification: { email: customer.email, verified: false, verified_at: null, sent: true } })
}
