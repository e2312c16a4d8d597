import { model } from "@medusajs/framework/utils"

export const PREORDER_STATUSES = ["pending", "awaiting_payment", "completed", "failed", "refunding", "refunded"] as const
export type PreorderStatus = (typeof PREORDER_STATUSES)[number]

/**
 * A pre-order request and the durable state of its checkout saga. The client's idempotency key is
 * unique per customer; at most one live (pending, awaiting payment or completed) pre-order per
 * customer and game.
 */
const Preorder = model
  .define("preorder", {
    id: model.id({ prefix: "preord" }).primaryKey(),
    customer_id: model.text(),
    game_id: model.text(),
    variant_id: model.text(),
    region_id: model.text(),
    currency_code: model.text(),
    idempotency_key: model.text(),
    status: model.enum([...PREORDER_STATUSES]).default("pending"),
    failure_reason: model.text().nullable(),
    failure_message: model.text().nullable(),
    total: model.bigNumber(),
    points_used: model.number().default(0),
    cash_amount: model.bigNumber(),
    points_earned: model.number().default(0),
    payment_method: model.text().nullable(),
    /** For asynchronous methods: what the player needs to pay (konbini number, Pix code, SEPA mandate). */
    payment_instructions: model.json().nullable(),
    /** The validated quote (price, points, cash, method, country) the saga runs on. */
    quote: model.json().nullable(),
    order_id: model.text().nullable(),
    payment_collection_id: model.text().nullable(),
    payment_id: model.text().nullable(),
    completed_at: model.dateTime().nullable(),
    refund_amount: model.bigNumber().nullable(),
    refund_shortfall_points: model.number().default(0),
    refund_failure: model.text().nullable(),
    /** Refund sagas started for this pre-order; each attempt keys its own points entries. */
    refund_attempts: model.number().default(0),
    /** When a failed refund is tried again by the retry job (null: not scheduled). */
    refund_retry_at: model.dateTime().nullable(),
    refunded_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["customer_id", "idempotency_key"], unique: true },
    { on: ["customer_id", "game_id"], unique: true, where: "status IN ('pending', 'awaiting_payment', 'completed') AND deleted_at IS NULL" },
    { on: ["status", "updated_at"] },
  ])

export default Preorder
