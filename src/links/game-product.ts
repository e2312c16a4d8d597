import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import GameModule from "../modules/game"

export default defineLink(ProductModule.linkable.product, GameModule.linkable.game)
