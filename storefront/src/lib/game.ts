import { cache } from "react"
import { notFound } from "next/navigation"
import { getGame, isNotFound } from "./medusa"
import { getSession } from "./session"

/**
 * One game for a page and its metadata, fetched once per request; 404 when the API says so. Asked
 * as the signed-in player, so the backend records the view among their taste signals.
 */
export const loadGame = cache(async (idOrHandle: string, country: string) => {
  if (!/^[\w-]{1,200}$/.test(idOrHandle)) notFound()
  try {
    const session = await getSession()
    return await getGame(idOrHandle, country, { token: session?.token })
  } catch (error) {
    if (isNotFound(error)) notFound()
    throw error
  }
})
