import type { MedusaContainer } from "@medusajs/framework/types"
import { flushMail } from "../modules/mail/outbox"

/**
 * Every minute: mails still queued, e.g. after a restart before the in-process flush ran, or a
 * batch the provider refused whose hold has run out.
 */
export default async function flushMailJob(container: MedusaContainer) {
  await flushMail(container)
}

export const config = {
  name: "flush-mail",
  schedule: "* * * * *",
}
