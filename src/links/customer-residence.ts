import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import RegionPolicyModule from "../modules/region-policy"

export default defineLink(CustomerModule.linkable.customer, RegionPolicyModule.linkable.customerResidence)
