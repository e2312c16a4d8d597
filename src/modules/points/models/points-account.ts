import { model } from "@medusajs/framework/utils"

/**
 * A customer's points balance: the running sum of their ledger entries, kept in step by the same
 * transaction that appends an entry. The database refuses a negative balance (check constraint).
 */
const PointsAccount = model.define("points_account", {
  id: model.id({ prefix: "pacc" }).primaryKey(),
  customer_id: model.text().unique(),
  balance: model.number().default(0),
})

export default PointsAccount
