import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withFaults } from "../faults"
import { MAIL_MODULE } from "../../modules/mail"
import { scheduleMailFlush } from "../../modules/mail/outbox"
import { MailTemplate, renderMail } from "../../modules/mail/templates"

export type SendMailInput = {
  to: string
  template: MailTemplate
  data: Record<string, any>
  idempotency_key: string
  /** Also show it in the store (in-app notification) to this customer. */
  customer_id?: string
}

/**
 * Queues one mail and, with `customer_id`, the in-app notification (feed channel) that goes with
 * it. The outbox sends them through the notification module moments later, many mails per call;
 * the idempotency key makes a retry add nothing. Returns the outbox row's id.
 */
export async function sendMail(container: any, input: SendMailInput) {
  const mail = renderMail(input.template, input.data)
  const entries: Record<string, any>[] = [
    { to: input.to, channel: "email", template: input.template, data: { ...input.data, ...mail }, idempotency_key: input.idempotency_key },
  ]
  if (input.customer_id) {
    entries.push(feedEntry(input.customer_id, input.template, input.data, mail.subject, input.idempotency_key))
  }
  return queue(container, input.idempotency_key, entries)
}

/** The in-app notification alone, for outcomes with no mail address at hand. */
export async function notifyInApp(container: any, input: { customer_id: string; template: MailTemplate; data: Record<string, any>; idempotency_key: string }) {
  const entry = feedEntry(input.customer_id, input.template, input.data, renderMail(input.template, input.data).subject, input.idempotency_key)
  return queue(container, entry.idempotency_key, [entry])
}

/** The in-app notice: the mail's data and its subject, the line a client shows. */
function feedEntry(customerId: string, template: MailTemplate, data: Record<string, any>, subject: string, mailKey: string) {
  return { to: customerId, channel: "feed", template, data: { ...data, subject }, idempotency_key: `${mailKey}:feed` }
}

async function queue(container: any, key: string, entries: Record<string, any>[]) {
  const id = await container.resolve(MAIL_MODULE).enqueue(key, entries)
  scheduleMailFlush(container)
  return id as string
}

export const sendMailStep = createStep(
  "send-mail",
  withFaults("send-mail", async (input: SendMailInput, { container }) => {
    return new StepResponse({ outbox_id: await sendMail(container, input) })
  })
)
