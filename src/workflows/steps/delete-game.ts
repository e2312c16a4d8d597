import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import { emitGameListingChanged } from "../../modules/game/events"

/** Soft delete, so the compensation can bring the game back as it was. */
export const deleteGameStep = createStep(
  "delete-game",
  async (input: { id: string }, { container }) => {
    await container.resolve<GameModuleService>(GAME_MODULE).softDeleteGames([input.id])
    await emitGameListingChanged(container, [input.id])
    return new StepResponse(input.id, input.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<GameModuleService>(GAME_MODULE).restoreGames([id])
    await emitGameListingChanged(container, [id])
  }
)
