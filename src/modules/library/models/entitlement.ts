import { model } from "@medusajs/framework/utils"

/**
 * A player owns a game exactly when an active entitlement exists. One active entitlement per
 * (customer, game), enforced by a partial unique index; a revoked one stays as history.
 */
const Entitlement = model
  .define("entitlement", {
    id: model.id({ prefix: "ent" }).primaryKey(),
    customer_id: model.text(),
    game_id: model.text(),
    order_id: model.text().nullable(),
    source: model.enum(["purchase", "preorder", "gift"]),
    status: model.enum(["active", "revoked"]).default("active"),
    revoked_at: model.dateTime().nullable(),
    revoke_reason: model.text().nullable(),
    play_minutes: model.number().default(0),
  })
  .indexes([
    { on: ["customer_id", "game_id"], unique: true, where: "status = 'active' AND deleted_at IS NULL" },
    { on: ["order_id"] },
  ])

export default Entitlement
