import { cache } from "react"
import { cookies, headers } from "next/headers"
import { redirect } from "next/navigation"
import { api, ApiError } from "./api"

/** The customer's Medusa JWT, in an httpOnly SameSite=Lax cookie only the server reads. */
export const SESSION_COOKIE = "kstore_session"
const DEFAULT_MAX_AGE = 60 * 60 * 24

export type Profile = { handle: string; display_name: string; time_zone: string | null }
export type Session = { token: string; profile: Profile }

export async function getToken(): Promise<string | null> {
  return (await cookies()).get(SESSION_COOKIE)?.value ?? null
}

/** Seconds until the JWT's `exp` (Medusa's tokens expire), so the cookie goes with it. */
function maxAgeOf(token: string) {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"))
    if (typeof payload.exp === "number") return Math.max(60, payload.exp - Math.floor(Date.now() / 1000))
  } catch {}
  return DEFAULT_MAX_AGE
}

/** The JWT's customer id (empty for a login that has no customer yet). */
export function actorOf(token: string): string {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"))
    return typeof payload.actor_id === "string" ? payload.actor_id : ""
  } catch {
    return ""
  }
}

async function secureRequest() {
  const h = await headers()
  const proto = h.get("x-forwarded-proto")?.split(",")[0].trim()
  if (proto) return proto === "https"
  return (h.get("origin") ?? "").startsWith("https:")
}

/** Only from a server action or route handler. */
export async function setSession(token: string) {
  ;(await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await secureRequest(),
    path: "/",
    maxAge: maxAgeOf(token),
  })
}

export async function clearSession() {
  ;(await cookies()).delete(SESSION_COOKIE)
}

/**
 * The signed-in player of this request (once per render): the token and their profile, or null
 * when there is no cookie or the backend no longer takes the token (expired: signed out).
 */
export const getSession = cache(async (): Promise<Session | null> => {
  const token = await getToken()
  if (!token || !actorOf(token)) return null
  try {
    const { profile } = await api<{ profile: Profile }>("/store/customers/me/profile", { token })
    return { token, profile }
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null
    // Backend down: the page shows its own error for the data it needs; the header shows signed out.
    return null
  }
})

/** A same-site path to go back to after signing in: `/xx/...` only, never another origin. */
export function safeNext(next: unknown, country: string): string | null {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return null
  if (!/^\/[a-z]{2}(\/|$|\?)/.test(next)) return null
  if (/^\/[a-z]{2}\/sign-(in|up)/.test(next)) return `/${country}`
  return next
}

/** The session, or a redirect to the sign-in page that brings the player back to `here`. */
export async function requireSession(country: string, here: string): Promise<Session> {
  const session = await getSession()
  if (!session) redirect(`/${country}/sign-in?${new URLSearchParams({ next: here }).toString()}`)
  return session
}
