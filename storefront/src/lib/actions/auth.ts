"use server"

import { redirect } from "next/navigation"
import { api, ApiError } from "../api"
import { describeError } from "../errors"
import { actorOf, clearSession, safeNext, setSession } from "../session"
import { findCountry } from "../regions"
import type { FormState } from "./types"

const str = (form: FormData, key: string) => String(form.get(key) ?? "").trim()

async function routeCountry(form: FormData) {
  const c = await findCountry(str(form, "country"))
  return c?.code ?? "us"
}

/** Where to go once signed in: a buy / pre-order intent continues to checkout, a gift to the gift flow, else `next`. */
function destination(form: FormData, country: string) {
  const intent = str(form, "intent")
  const game = str(form, "game")
  if ((intent === "buy" || intent === "preorder") && /^[\w-]{1,100}$/.test(game)) {
    return `/${country}/checkout?${new URLSearchParams({ game }).toString()}`
  }
  if (intent === "gift" && /^[\w-]{1,100}$/.test(game)) return `/${country}/gift?${new URLSearchParams({ game }).toString()}`
  return safeNext(str(form, "next"), country) ?? `/${country}/account`
}

const login = (email: string, password: string) =>
  api<{ token: string }>("/auth/customer/emailpass", { method: "POST", body: { email, password } })

export async function signIn(_: FormState, form: FormData): Promise<FormState> {
  const country = await routeCountry(form)
  const email = str(form, "email")
  const password = String(form.get("password") ?? "")
  const data = { email }
  if (!email || !password) return { error: await describeError(new ApiError("", 400, "fields_required")), data }
  try {
    const { token } = await login(email, password)
    // A login without its customer (a sign-up that stopped half way) finishes on the sign-up page.
    if (!actorOf(token)) return { error: await describeError(new ApiError("", 400, "account_incomplete")), data }
    await setSession(token)
  } catch (error) {
    return { error: await describeError(error), data }
  }
  redirect(destination(form, country))
}

/**
 * Sign-up: the login (POST /auth/customer/emailpass/register), then the account with its residence
 * country, handle, display name and time zone (POST /store/accounts, with the registration token),
 * then a sign-in for the customer's token. A login that exists without an account (a sign-up that
 * failed after the login was made) gets its account with the same password.
 */
export async function signUp(_: FormState, form: FormData): Promise<FormState> {
  const country = await routeCountry(form)
  const email = str(form, "email")
  const password = String(form.get("password") ?? "")
  const residence = await findCountry(str(form, "residence_country"))
  const handle = str(form, "handle")
  const displayName = str(form, "display_name")
  const timeZone = str(form, "time_zone")
  // Sent back so the form keeps what the player typed (React resets a form after its action).
  const data = { email, residence_country: residence?.code ?? "", handle, display_name: displayName }
  if (!email || !password || !residence) return { error: await describeError(new ApiError("", 400, "fields_required")), data }
  if (password.length < 8) return { error: await describeError(new ApiError("", 400, "password_short")), field: "password", data }
  try {
    let registration: string
    try {
      registration = (await api<{ token: string }>("/auth/customer/emailpass/register", { method: "POST", body: { email, password } })).token
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "identity_exists") throw error
      const { token } = await login(email, password).catch(() => {
        throw new ApiError("", 409, "account_exists")
      })
      if (actorOf(token)) throw new ApiError("", 409, "account_exists")
      registration = token
    }
    await api("/store/accounts", {
      method: "POST",
      token: registration,
      body: {
        email,
        residence_country: residence.code.toUpperCase(),
        ...(handle ? { handle } : {}),
        ...(displayName ? { display_name: displayName } : {}),
        ...(timeZone && timeZone.length <= 64 ? { time_zone: timeZone } : {}),
      },
    })
    const { token } = await login(email, password)
    await setSession(token)
  } catch (error) {
    const field = error instanceof ApiError && (error.code === "handle_taken" || error.code === "invalid_handle") ? "handle" : undefined
    return { error: await describeError(error), field, data }
  }
  const next = destination(form, country)
  redirect(next.includes("?") ? `${next}&welcome=1` : `${next}?welcome=1`)
}

export async function signOut(form: FormData) {
  await clearSession()
  const country = await routeCountry(form)
  redirect(`/${country}`)
}
