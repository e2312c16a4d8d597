"use server"

import { randomUUID } from "node:crypto"
import { revalidatePath } from "next/cache"
import { redirect } from "next/navigation"
import { getTranslations } from "next-intl/server"
import { api, ApiError, toApiError } from "../api"
import { describeError } from "../errors"
import { findCountry } from "../regions"
import { getToken } from "../session"
import type { GiftView } from "../social"
import { isZone, zonedToInstant } from "../zoned"
import type { FormState } from "./types"

const str = (form: FormData, key: string) => String(form.get(key) ?? "").trim()
const ID = /^[\w-]{1,100}$/
const KEY = /^[\w:.-]{8,100}$/
// Refusals about the friend: the API's codes are shared with purchases, the sentence is not.
const ABOUT_FRIEND = new Set(["already_owned", "country_not_served", "price_region_mismatch", "pending_gift"])

async function signedIn() {
  const token = await getToken()
  if (!token) throw new ApiError("", 401, "signed_out")
  return token
}

async function giftError(error: unknown, context: "send" | "answer") {
  const e = toApiError(error)
  const t = await getTranslations("gift")
  if (context === "send" && e.code && ABOUT_FRIEND.has(e.code) && /friend/i.test(e.message)) return t(`reasons.${e.code}`)
  if (context === "answer" && e.code === "already_owned") return t("ownedAlready")
  return describeError(e)
}

/**
 * "Send gift": POST /store/gifts under the form's Idempotency-Key (a double submit is the same
 * gift; a refusal hands a fresh key), send now or at a wall-clock time in the sender's zone.
 */
export async function sendGift(_: FormState, form: FormData): Promise<FormState> {
  const country = (await findCountry(str(form, "country")))?.code ?? "us"
  const t = await getTranslations("gift")
  const key = str(form, "idempotency_key")
  const gameId = str(form, "game_id")
  const recipient = str(form, "recipient_id")
  const message = String(form.get("message") ?? "").replace(/\r\n/g, "\n").replace(/\u0000/g, "").trim()
  const points = Math.max(0, Math.floor(Number(str(form, "points")) || 0))
  const method = str(form, "method")
  const account = str(form, "account").replace(/\s+/g, "")
  const cashDue = str(form, "cash_due") === "1"
  const expected = Number(str(form, "expected_total"))
  const zone = str(form, "time_zone")
  let gift: GiftView
  try {
    const token = await signedIn()
    if (!KEY.test(key) || !ID.test(gameId)) throw new ApiError("", 400, "fields_required")
    if (!ID.test(recipient)) return { error: t("pickFriend"), key: randomUUID(), field: "recipient" }
    if ([...message].length > 500) return { error: t("messageLong"), key: randomUUID(), field: "message" }
    if (cashDue && !method) throw new ApiError("", 400, "method_required")
    if (cashDue && account.length > 64) throw new ApiError("", 400, "account_invalid")
    let schedule: { deliver_at: string; time_zone: string } | null = null
    if (str(form, "when") === "later") {
      const at = isZone(zone) ? zonedToInstant(str(form, "deliver_at"), zone) : null
      if (!at) return { error: t("whenInvalid"), key: randomUUID(), field: "deliver_at" }
      if (at.getTime() <= Date.now()) return { error: t("whenPast"), key: randomUUID(), field: "deliver_at" }
      schedule = { deliver_at: at.toISOString(), time_zone: zone }
    }
    const body = {
      game_id: gameId,
      recipient_id: recipient,
      ...(message ? { message } : {}),
      ...(schedule ?? (isZone(zone) ? { time_zone: zone } : {})),
      points,
      ...(Number.isFinite(expected) && expected >= 0 ? { expected_total: expected } : {}),
      ...(cashDue ? { payment: { provider_id: str(form, "provider_id") || undefined, method, ...(account ? { account } : {}) } } : {}),
    }
    gift = (await api<{ gift: GiftView }>("/store/gifts", { method: "POST", token, body, headers: { "idempotency-key": key }, timeoutMs: 30_000 })).gift
  } catch (error) {
    return { error: await giftError(error, "send"), key: randomUUID() }
  }
  redirect(`/${country}/gifts/${gift.id}`)
}

/** Accept / decline (the recipient) or cancel before delivery (the sender). */
export async function giftAction(_: FormState, form: FormData): Promise<FormState> {
  const country = (await findCountry(str(form, "country")))?.code ?? "us"
  const op = str(form, "op")
  const id = str(form, "id")
  try {
    const token = await signedIn()
    if (!ID.test(id) || !["accept", "decline", "cancel"].includes(op)) throw new ApiError("", 404, null)
    await api(`/store/gifts/${id}/${op}`, { method: "POST", token, body: {} })
  } catch (error) {
    revalidatePath(`/${country}/gifts`)
    return { error: await giftError(error, "answer") }
  }
  revalidatePath(`/${country}/gifts`)
  revalidatePath(`/${country}/library`)
  return { ok: op }
}

/** The inbox was opened: its notices up to the newest one shown are read. */
export async function markNotificationsSeen(until: string): Promise<{ unread: number } | null> {
  const token = await getToken()
  if (!token || !/^\d{4}-\d{2}-\d{2}T[\d:.]{5,15}(Z|[+-]\d{2}:\d{2})$/.test(until)) return null
  try {
    return await api<{ unread: number }>("/store/notifications/seen", { method: "POST", token, body: { until } })
  } catch {
    return null
  }
}
