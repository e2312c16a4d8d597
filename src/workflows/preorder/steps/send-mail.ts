import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../../../lib/faults"
import { Modules } from "@medusajs/framework/utils"
import { MailTemplate, renderMail } from "../../../lib/mail"

export type SendMailInput = {
  to: string
  template: MailTemplate
  data: Record<string, any>
  idempotency_key: string
  /** Also show it in the store (in-app notification) to this customer. */
  customer_id?: string
}

/**
 * Stores and sends one mail and, with `customer_id`, the in-app notification (feed channel) that
 * goes with it, in one call. The notification module skips idempotency keys it already sent, so a
 * retry adds nothing.
 */
export async function sendMail(container: any, input: SendMailInput) {
  const notifications = container.resolve(Modules.NOTIFICATION)
  // A quote carries what the payer typed (a card number); mails and notices never keep it.
  const { payment: _payer, ...data } = input.data
  input = { ...input, data }
  const entries: Record<string, any>[] = [
    {
      to: input.to,
      channel: "email",
      template: input.template,
      data: { ...input.data, ...renderMail(input.template, input.data) },
      idempotency_key: input.idempotency_key,
    },
  ]
  if (input.customer_id) {
    entries.push({
      to: input.customer_id,
      channel: "feed",
      template: input.template,
      data: input.data,
      idempotency_key: `${input.idempotency_key}:feed`,
    })
  }
  const sent = await notifications.createNotifications(entries)
  return sent.find((n: any) => n.channel === "email") ?? null
}

/** The in-app notification alone, for outcomes with no mail address at hand. */
export async function notifyInApp(container: any, input: { customer_id: string; template: string; data: Record<string, any>; idempotency_key: string }) {
  const [sent] = await container.resolve(Modules.NOTIFICATION).createNotifications([
    { to: input.customer_id, channel: "feed", template: input.template, data: input.data, idempotency_key: `${input.idempotency_key}:feed` },
  ])
  return sent ?? null
}

export const sendMailStep = createStep(
  "send-mail",
  withFaults("send-mail", async (input: SendMailInput, { container }) => {
    const sent = await sendMail(container, input)
    return new StepResponse({ notification_id: sent?.id ?? null })
  })
)
