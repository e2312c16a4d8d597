import { Module } from "@medusajs/framework/utils"
import FriendsModuleService from "./service"

export const FRIENDS_MODULE = "friends"

export default Module(FRIENDS_MODULE, { service: FriendsModuleService })
