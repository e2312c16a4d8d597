import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ACCOUNT_MODULE } from "../../modules/account"
import type AccountModuleService from "../../modules/account/service"
import { signEmailVerification, verificationUrl } from "../../modules/account/verification-token"
import { sendMail } from "./send-mail"

/**
 * Mails the player a signed link that proves `email` is theirs. `key` names the occasion
 * (`signup`, or a re-send's minute), so a retried occasion mails once.
 */
export async function sendVerificationMail(container: any, customer: { id: string; email: string }, key: string) {
  const { token, expires_at } = signEmailVerification(customer.id, customer.email)
  return sendMail(container, {
    to: customer.email,
    template: "email-verification",
    data: { email: customer.email, url: verificationUrl(token), expires_at: expires_at.toISOString() },
    idempotency_key: `email-verification:${customer.id}:${key}`,
  })
}

/**
 * A sign-up whose address is already known to be the player's (the seed's demo players) is
 * recorded verified in the same workflow; any other sign-up is left unverified (no-op).
 */
export const recordVerifiedEmailStep = createStep(
  "record-verified-email",
  async (input: { customer_id: string; email: string; verified?: boolean }, { container }) => {
    if (!input.verified) return new StepResponse(null, null)
    const row = await container.resolve<AccountModuleService>(ACCOUNT_MODULE).markEmailVerified(input.customer_id, input.email)
    return new StepResponse(row, row.inserted ? row.id : null)
  },
  async (id, { container }) => {
    if (id) await container.resolve<AccountModuleService>(ACCOUNT_MODULE).deleteEmailVerifications(id)
  }
)
