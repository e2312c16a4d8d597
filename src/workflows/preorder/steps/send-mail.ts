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

/** Stores and sends one mail; the idempotency key makes a retry a no-op. */
export async function sendMail(container: any, input: SendMailInput) {
  const notifications = container.resolve(Modules.NOTIFICATION)
  const [existing] = await notifications.listNotifications({ idempotency_key: input.idempotency_key }, { take: 1 })
  if (existing) return existing
  const [sent] = await notifications.createNotifications([
    {
      to: input.to,
      channel: "email",
      template: input.template,
      data: { ...input.data, ...renderMail(input.template, input.data) },
      idempotency_key: input.idempotency_key,
    },
  ])
  return sent
}

/**
 * The in-app notification (feed channel) that goes with a mail, so the player sees the outcome in
 * the store too. Keyed like the mail: a retry adds nothing.
 */
export async function notifyInApp(container: any, input: { customer_id: string; template: string; data: Record<string, any>; idempotency_key: string }) {
  const notifications = container.resolve(Modules.NOTIFICATION)
  const key = `${input.idempotency_key}:feed`
  const [existing] = await notifications.listNotifications({ idempotency_key: key }, { take: 1 })
  if (existing) return existing
  const [sent] = await notifications.createNotifications([
    { to: input.customer_id, channel: "feed", template: input.template, data: input.data, idempotency_key: key },
  ])
  return sent
}

export const sendMailStep = createStep(
  "send-mail",
  withFaults("send-mail", async (input: SendMailInput, { container }) => {
    const sent = await sendMail(container, input)
    if (input.customer_id) await notifyInApp(container, { ...input, customer_id: input.customer_id })
    return new StepResponse({ notification_id: sent?.id })
  })
)
