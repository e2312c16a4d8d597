import { model } from "@medusajs/framework/utils"

/** The country a customer legally lives in: the one input of every service-country check. */
const CustomerResidence = model.define("customer_residence", {
  id: model.id({ prefix: "cres" }).primaryKey(),
  customer_id: model.text().unique(),
  country_code: model.text(),
})

export default CustomerResidence
