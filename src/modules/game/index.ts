import { Module } from "@medusajs/framework/utils"
import GameModuleService from "./service"

export const GAME_MODULE = "game"

export default Module(GAME_MODULE, { service: GameModuleService })
