import { model } from "@medusajs/framework/utils"

export const POINTS_ENTRY_KINDS = ["earn", "hold", "spend", "release", "clawback", "adjust"] as const
export type PointsEntryKind = (typeof POINTS_ENTRY_KINDS)[number]

/**
 * Append-only ledger entry. `amount` is the signed effect on the balance (earn/release +,
 * hold/spend/clawback −, adjust ±). `idempotency_key` is unique: posting the same key twice has no
 * second effect. Updates and deletes are refused by a database trigger.
 */
const PointsEntry = model
  .define("points_entry", {
    id: model.id({ prefix: "pent" }).primaryKey(),
    customer_id: model.text(),
    kind: model.enum([...POINTS_ENTRY_KINDS]),
    amount: model.number(),
    reference_id: model.text().nullable(),
    idempotency_key: model.text().unique(),
    reason: model.text().nullable(),
    created_by: model.text().nullable(),
  })
  .indexes([{ on: ["customer_id", "created_at"] }, { on: ["reference_id"] }])

export default PointsEntry
