import { model } from "@medusajs/framework/utils"

export const PURCHASE_STATUSES = ["pending", "awaiting_payment", "completed", "failed", "refunding", "refunded"] as const
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number]

/**
 * A player's purchase of one or more games: a Medusa cart checked out by the purchase saga (a
 * pre-order is a purchase of a game not yet released). Money, order and payment live in Medusa's
 * modules; this record holds what the player asked for (idempotency key and the request's hash),
 * the quote the saga runs on, and how the saga settled. One purchase per cart.
 */
const Purchase = model
  .define("purchase", {
    id: model.id({ prefix: "pur" }).primaryKey(),
    customer_id: model.text(),
    cart_id: model.text(),
    order_id: model.text().nullable(),
    idempotency_key: model.text(),
    /** SHA-256 of the request body: the same key with another body is refused, not replayed. */
    request_hash: model.text(),
    status: model.enum([...PURCHASE_STATUSES]).default("pending"),
    failure_reason: model.text().nullable(),
    failure_message: model.text().nullable(),
    region_id: model.text(),
    currency_code: model.text(),
    /** What the games cost after promotions, before points. */
    total: model.bigNumber(),
    discount_total: model.bigNumber().default(0),
    points_used: model.number().default(0),
    cash_amount: model.bigNumber(),
    points_earned: model.number().default(0),
    payment_provider_id: model.text().nullable(),
    payment_method: model.text().nullable(),
    /** The games bought: game, title, variant, line item, price paid, whether it is a pre-order. */
    items: model.json(),
    /** For asynchronous methods: what the player needs to pay (konbini number, Pix code, SEPA mandate). */
    payment_instructions: model.json().nullable(),
    /** When an asynchronous payment not made by then undoes the purchase. */
    payment_due_at: model.dateTime().nullable(),
    completed_at: model.dateTime().nullable(),
    /** A gift purchase: the games go to the gift's recipient when they accept, not to the buyer. */
    gift_id: model.text().nullable(),
  })
  .indexes([
    { on: ["customer_id", "idempotency_key"], unique: true },
    { on: ["cart_id"], unique: true },
    { on: ["order_id"] },
    { on: ["status", "payment_due_at"] },
  ])

export default Purchase
