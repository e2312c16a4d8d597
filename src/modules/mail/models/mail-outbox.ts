import { model } from "@medusajs/framework/utils"

/**
 * One mail (and the in-app notice that goes with it) waiting to leave through Medusa's
 * notification module. A saga step writes the row; the flusher sends rows in batches, so one
 * notification-module call serves many mails. The key is the mail's idempotency key.
 */
const MailOutbox = model
  .define("mail_outbox", {
    id: model.id({ prefix: "mout" }).primaryKey(),
    idempotency_key: model.text(),
    /** The notification-module entries to create, already rendered. */
    entries: model.json(),
    attempts: model.number().default(0),
    last_error: model.text().nullable(),
    /** A flusher holds the row until then; a crashed flusher's rows come back after it. */
    claimed_until: model.dateTime().nullable(),
    sent_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["idempotency_key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["created_at"], where: "sent_at IS NULL AND deleted_at IS NULL" },
  ])

export default MailOutbox
