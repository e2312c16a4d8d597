import { model } from "@medusajs/framework/utils"

/**
 * Append-only log of every residence set or change, for support and compliance: its cause is the
 * source (sign-up, first purchase, the player, staff) with the player's reason, and `lift_id` when
 * it was allowed by a staff lift of the residence rule (residence_change_lift, naming the staff user).
 */
const ResidenceChange = model
  .define("residence_change", {
    id: model.id({ prefix: "reschg" }).primaryKey(),
    customer_id: model.text(),
    from_country: model.text().nullable(),
    to_country: model.text(),
    reason: model.text().nullable(),
    source: model.enum(["signup", "customer", "admin", "first_purchase"]),
    lift_id: model.text().nullable(),
  })
  .indexes([{ on: ["customer_id", "created_at"] }])

export default ResidenceChange
