import { model } from "@medusajs/framework/utils"

/** One state change of a gift: when, from what to what, why and by whom (customer, staff or system). */
const GiftEvent = model
  .define("gift_event", {
    id: model.id({ prefix: "gev" }).primaryKey(),
    gift_id: model.text(),
    from_state: model.text().nullable(),
    to_state: model.text(),
    cause: model.text(),
    /** `customer:<id>`, `staff:<id>` or `system`. */
    actor: model.text(),
  })
  .indexes([{ on: ["gift_id", "created_at"] }])

export default GiftEvent
