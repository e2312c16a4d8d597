import { model } from "@medusajs/framework/utils"

export const GAME_REFUND_STATUSES = ["refunding", "refunded", "failed"] as const
export type GameRefundStatus = (typeof GAME_REFUND_STATUSES)[number]

/**
 * A refund of one or more games of one order, and every attempt at it. `refunding` while an
 * attempt runs, `failed` when the last attempt was undone (the reason shown to staff, the next
 * automatic try at `retry_at`), `refunded` once the money went back. A game of an order is covered
 * by at most one refund (checked under the order's lock when a refund is requested).
 */
const GameRefund = model
  .define("game_refund", {
    id: model.id({ prefix: "gref" }).primaryKey(),
    customer_id: model.text(),
    order_id: model.text(),
    /** The kstore purchase the order came from; null for a stock Medusa checkout. */
    purchase_id: model.text().nullable(),
    idempotency_key: model.text().nullable(),
    /** The games refunded: game, title, line item and what the line cost. */
    games: model.json(),
    currency_code: model.text(),
    status: model.enum([...GAME_REFUND_STATUSES]).default("refunding"),
    /** Attempts started; the attempt in progress is `attempts`. Raised with the switch to refunding. */
    attempts: model.number().default(1),
    /** The plan of the last attempt (cash share, points), fixed before the payment is refunded. */
    planned_attempt: model.number().default(0),
    cash_share: model.bigNumber().nullable(),
    amount: model.bigNumber().nullable(),
    points_restored: model.number().default(0),
    points_clawed_back: model.number().default(0),
    shortfall_points: model.number().default(0),
    /** Medusa's refund of the payment, once the provider has made it. */
    payment_refund_id: model.text().nullable(),
    failure_reason: model.text().nullable(),
    failure_message: model.text().nullable(),
    retry_at: model.dateTime().nullable(),
    refunded_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["customer_id", "idempotency_key"], unique: true, where: "idempotency_key IS NOT NULL AND deleted_at IS NULL" },
    { on: ["order_id"] },
    { on: ["status", "retry_at"] },
  ])

export default GameRefund
