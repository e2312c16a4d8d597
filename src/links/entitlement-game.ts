import { defineLink } from "@medusajs/framework/utils"
import GameModule from "../modules/game"
import LibraryModule from "../modules/library"

/** The game an entitlement is for (`entitlement.game`, and through the game its product). */
export default defineLink({ linkable: LibraryModule.linkable.entitlement, field: "game_id" }, GameModule.linkable.game, {
  readOnly: true,
})
