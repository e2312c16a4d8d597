import { cookies } from "next/headers"

/**
 * The cart: the chosen game ids in a cookie (the purchase API takes `game_ids`, at most 20).
 * Readable by the server only; nothing in it is secret, and every id is checked at checkout.
 */
export const CART_COOKIE = "kstore_cart"
export const CART_MAX = 20
const ID = /^[\w-]{1,100}$/

export function parseCart(raw: string | undefined | null): string[] {
  if (!raw) return []
  const ids = raw.split(",").map((s) => s.trim()).filter((s) => ID.test(s))
  return [...new Set(ids)].slice(0, CART_MAX)
}

export async function readCart(): Promise<string[]> {
  return parseCart((await cookies()).get(CART_COOKIE)?.value)
}

/** Only from a server action or route handler. */
export async function writeCart(ids: string[]) {
  const jar = await cookies()
  const list = [...new Set(ids.filter((s) => ID.test(s)))].slice(0, CART_MAX)
  if (!list.length) jar.delete(CART_COOKIE)
  else jar.set(CART_COOKIE, list.join(","), { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 30 })
}
