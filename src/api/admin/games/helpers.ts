import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { AdminCreateGameType, AdminUpdateGameType } from "../../utils/validators"
import { GAME_DETAIL_KEYS, GAME_LISTING_KEYS } from "../../../workflows/game/types"

export const ADMIN_GAME_FIELDS = [
  ...GAME_LISTING_KEYS,
  ...GAME_DETAIL_KEYS,
  "created_at",
  "updated_at",
  "prices.currency_code",
  "prices.amount",
]

export async function fetchAdminGame(scope: MedusaContainer, filters: Record<string, unknown>) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [game],
  } = await query.graph({ entity: "game", fields: ADMIN_GAME_FIELDS, filters })
  if (!game) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Game not found")
  return game
}


/** Splits a flat admin body into the game details and the rest (product fields, prices). */
export function splitDetails<T extends AdminCreateGameType | AdminUpdateGameType>(body: T) {
  const details: Record<string, unknown> = {}
  const rest: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    if ((GAME_DETAIL_KEYS as readonly string[]).includes(key)) details[key] = value
    else rest[key] = value
  }
  return { details, rest }
}
