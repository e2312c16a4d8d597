import { defineLink } from "@medusajs/framework/utils"
import GameModule from "../modules/game"
import RecommendationModule from "../modules/recommendation"

/** The game an interaction is about (`interaction.game`), read through Query; no table, no foreign key. */
export default defineLink({ linkable: RecommendationModule.linkable.interaction, field: "game_id" }, GameModule.linkable.game, {
  readOnly: true,
})
