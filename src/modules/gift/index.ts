import { Module } from "@medusajs/framework/utils"
import GiftModuleService from "./service"

export const GIFT_MODULE = "gift"

export default Module(GIFT_MODULE, { service: GiftModuleService })
