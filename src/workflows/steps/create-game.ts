import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import type { GameDetails } from "../game/types"

export type CreateGameStepInput = GameDetails & { product_id: string; title: string; handle: string }

export const createGameStep = createStep(
  "create-game",
  async (input: CreateGameStepInput, { container }) => {
    const service = container.resolve<GameModuleService>(GAME_MODULE)
    const game = await service.createGames(input)
    return new StepResponse(game, game.id)
  },
  async (gameId, { container }) => {
    if (!gameId) return
    await container.resolve<GameModuleService>(GAME_MODULE).deleteGames(gameId)
  }
)
