import { cache } from "react"
import { notFound } from "next/navigation"
import { getGame, isNotFound } from "./medusa"

/** One game for a page and its metadata, fetched once per request; 404 when the API says so. */
export const loadGame = cache(async (idOrHandle: string, country: string) => {
  if (!/^[\w-]{1,200}$/.test(idOrHandle)) notFound()
  try {
    return await getGame(idOrHandle, country)
  } catch (error) {
    if (isNotFound(error)) notFound()
    throw error
  }
})
