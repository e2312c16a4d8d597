import { model } from "@medusajs/framework/utils"

/**
 * A staff lift of the residence rule for one player: the player's next residence change is allowed
 * at once, whenever the last one was. At most one open (unused) lift per player; the change that
 * uses it names it (`residence_change.lift_id`) and the lift keeps the change's id and time. Like
 * the change log, kept for support and compliance.
 */
const ResidenceChangeLift = model
  .define("residence_change_lift", {
    id: model.id({ prefix: "reslift" }).primaryKey(),
    customer_id: model.text(),
    /** The staff user who lifted the limit. */
    created_by: model.text(),
    reason: model.text(),
    used_at: model.dateTime().nullable(),
    change_id: model.text().nullable(),
  })
  .indexes([
    { on: ["customer_id", "created_at"] },
    { on: ["customer_id"], unique: true, where: "used_at IS NULL AND deleted_at IS NULL" },
  ])

export default ResidenceChangeLift
