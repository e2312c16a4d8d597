"use server"

import { revalidatePath } from "next/cache"
import { getTranslations } from "next-intl/server"
import { api, ApiError } from "../api"
import { describeError } from "../errors"
import { findCountry } from "../regions"
import { getToken } from "../session"
import type { FormState } from "./types"

const str = (form: FormData, key: string) => String(form.get(key) ?? "").trim()
const ID = /^[\w-]{1,100}$/
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,60}$/
const HANDLE = /^@?[\w.-]{1,40}$/

async function signedIn() {
  const token = await getToken()
  if (!token) throw new ApiError("", 401, "signed_out")
  return token
}

async function refresh(form: FormData) {
  const country = (await findCountry(str(form, "country")))?.code ?? "us"
  revalidatePath(`/${country}/friends`)
}

/**
 * "Add a friend": a handle (with or without @) or an email address; an unknown handle says so
 * (the API answers 404 for it). A request that met theirs makes the two friends at once.
 */
export async function sendFriendRequest(_: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations("friends")
  const who = str(form, "who").slice(0, 260)
  try {
    const token = await signedIn()
    const byEmail = who.includes("@") && !who.startsWith("@")
    if (!who || (byEmail ? !EMAIL.test(who) : !HANDLE.test(who))) return { error: t("whoInvalid") }
    const body = byEmail ? { email: who } : { handle: who.replace(/^@/, "") }
    const answer = await api<{ request?: unknown; friendship?: unknown }>("/store/friends/requests", { method: "POST", token, body })
    await refresh(form)
    return { ok: answer.friendship ? t("nowFriends", { who }) : byEmail ? t("invited", { who }) : t("requested", { who }) }
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { error: t("noPlayer", { who }) }
    return { error: await describeError(error) }
  }
}

const ROUTES: Record<string, (id: string) => { path: string; method: "POST" | "DELETE" }> = {
  accept: (id) => ({ path: `/store/friends/requests/${id}/accept`, method: "POST" }),
  decline: (id) => ({ path: `/store/friends/requests/${id}/decline`, method: "POST" }),
  cancel: (id) => ({ path: `/store/friends/requests/${id}`, method: "DELETE" }),
  remove: (id) => ({ path: `/store/friends/${id}`, method: "DELETE" }),
  unblock: (id) => ({ path: `/store/friends/blocks/${id}`, method: "DELETE" }),
}

/** One button on a request, a friend or a block: `op` names which, `id` the request or player. */
export async function friendAction(_: FormState, form: FormData): Promise<FormState> {
  const op = str(form, "op")
  const id = str(form, "id")
  try {
    const token = await signedIn()
    if (!ID.test(id) || !(op in ROUTES || op === "block")) throw new ApiError("", 404, null)
    if (op === "block") {
      await api("/store/friends/blocks", { method: "POST", token, body: { customer_id: id } })
    } else {
      const { path, method } = ROUTES[op](id)
      await api(path, { method, token, body: method === "POST" ? {} : undefined })
    }
    await refresh(form)
    return { ok: op }
  } catch (error) {
    return { error: await describeError(error) }
  }
}
