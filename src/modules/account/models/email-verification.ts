import { model } from "@medusajs/framework/utils"

/**
 * A player's proof that the sign-up address is theirs: the address a signed link was followed
 * for, and when. No row, or no `verified_at`, is an unverified player, who may not buy. Kept here
 * and not in the customer's metadata, which the customer can write (`POST /store/customers/me`).
 */
const EmailVerification = model.define("email_verification", {
  id: model.id({ prefix: "emver" }).primaryKey(),
  customer_id: model.text().unique(),
  email: model.text(),
  verified_at: model.dateTime().nullable(),
})

export default EmailVerification
