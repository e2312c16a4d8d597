import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import type { GameDetails } from "../game/types"

export type UpdateGameStepInput = { id: string; details: Partial<GameDetails> }

export const updateGameStep = createStep(
  "update-game",
  async (input: UpdateGameStepInput, { container }) => {
    const service = container.resolve<GameModuleService>(GAME_MODULE)
    const keys = Object.keys(input.details) as (keyof GameDetails)[]
    const before = await service.retrieveGame(input.id)
    const previous = Object.fromEntries(keys.map((k) => [k, (before as any)[k]]))
    const game = await service.updateGames({ id: input.id, ...input.details })
    return new StepResponse(game, { id: input.id, previous })
  },
  async (undo, { container }) => {
    if (!undo) return
    await container
      .resolve<GameModuleService>(GAME_MODULE)
      .updateGames({ id: undo.id, ...undo.previous })
  }
)
