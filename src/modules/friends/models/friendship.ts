import { model } from "@medusajs/framework/utils"

/** Two players who both said yes; one row per pair (`customer_a` < `customer_b`). */
const Friendship = model
  .define("friendship", {
    id: model.id({ prefix: "frn" }).primaryKey(),
    customer_a: model.text(),
    customer_b: model.text(),
  })
  .indexes([{ on: ["customer_a", "customer_b"], unique: true, where: "deleted_at IS NULL" }, { on: ["customer_b"] }])

export default Friendship
