import { model } from "@medusajs/framework/utils"

/** Append-only log of every residence set or change, for support and compliance. */
const ResidenceChange = model
  .define("residence_change", {
    id: model.id({ prefix: "reschg" }).primaryKey(),
    customer_id: model.text(),
    from_country: model.text().nullable(),
    to_country: model.text(),
    reason: model.text().nullable(),
    source: model.enum(["signup", "customer", "admin", "first_purchase"]),
  })
  .indexes([{ on: ["customer_id", "created_at"] }])

export default ResidenceChange
