import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import PointsModule from "../modules/points"

/** Whose points an account holds (`points_account.customer`). */
export default defineLink({ linkable: PointsModule.linkable.pointsAccount, field: "customer_id" }, CustomerModule.linkable.customer, {
  readOnly: true,
})
