import { model } from "@medusajs/framework/utils"

/**
 * paying → scheduled (paid) → delivered → accepted | declined | expired → refunded;
 * scheduled → cancelled → refunded; paying → failed (the purchase saga undid the payment).
 */
export const GIFT_STATES = ["paying", "failed", "scheduled", "delivered", "accepted", "declined", "expired", "cancelled", "refunded"] as const
export type GiftState = (typeof GIFT_STATES)[number]

/** States in which a gift still stands between its sender, its recipient and the game. */
export const OPEN_GIFT_STATES: GiftState[] = ["paying", "scheduled", "delivered"]

/**
 * A game bought by one player for a friend: the purchase (and so the Medusa order and payment) is
 * the sender's; the entitlement goes to the recipient only when they accept. Amounts are copied
 * from the purchase so the staff report reads one table.
 */
const Gift = model
  .define("gift", {
    id: model.id({ prefix: "gift" }).primaryKey(),
    sender_id: model.text(),
    recipient_id: model.text(),
    game_id: model.text(),
    game_title: model.text(),
    message: model.text().default(""),
    idempotency_key: model.text(),
    request_hash: model.text(),
    purchase_id: model.text().nullable(),
    order_id: model.text().nullable(),
    refund_id: model.text().nullable(),
    state: model.enum([...GIFT_STATES]).default("paying"),
    /** Why the money went back: declined, expired, cancelled, blocked, already_owned. */
    refund_reason: model.text().nullable(),
    failure_reason: model.text().nullable(),
    sender_country: model.text(),
    recipient_country: model.text(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    points_used: model.number().default(0),
    cash_amount: model.bigNumber(),
    /** When the recipient receives it ("send now" is the time of the request). */
    deliver_at: model.dateTime(),
    /** IANA zone the sender chose the time in, so both sides can be shown their local time. */
    sender_time_zone: model.text().nullable(),
    bought_at: model.dateTime().nullable(),
    delivered_at: model.dateTime().nullable(),
    /** Delivered and unanswered until then: refunded automatically. */
    expires_at: model.dateTime().nullable(),
    /** The delivery mails were queued (a delivery is re-announced until this is set). */
    notified_at: model.dateTime().nullable(),
    answered_at: model.dateTime().nullable(),
    refunded_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["sender_id", "idempotency_key"], unique: true },
    { on: ["purchase_id"], unique: true, where: "purchase_id IS NOT NULL AND deleted_at IS NULL" },
    { on: ["state", "deliver_at"] },
    { on: ["state", "expires_at"] },
    { on: ["sender_id", "created_at"] },
    { on: ["recipient_id", "state"] },
    // One open gift of a game per recipient, however many friends try at once.
    { on: ["recipient_id", "game_id"], unique: true, where: "state IN ('paying', 'scheduled', 'delivered') AND deleted_at IS NULL" },
    { on: ["refund_id"] },
    { on: ["created_at"] },
  ])

export default Gift
