import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { GAME_MODULE } from "../../../modules/game"
import type GameModuleService from "../../../modules/game/service"

/** The genres and tags in the catalog (`?country=` narrows to games sold there), with counts. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const { country } = req.validatedQuery as { country?: string }
  res.json(await req.scope.resolve<GameModuleService>(GAME_MODULE).listGameFilters({ country }))
}
