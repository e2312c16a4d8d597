"use server"

import { randomUUID } from "node:crypto"
import { redirect } from "next/navigation"
import { api, ApiError } from "../api"
import { describeError } from "../errors"
import { actorOf, getToken } from "../session"
import { findCountry } from "../regions"
import { readCart, writeCart } from "../cart"
import { forgetAttempt, recallAttempt, rememberAttempt, type PurchaseBody } from "../attempts"
import type { Purchase } from "../store"
import type { FormState } from "./types"

const str = (form: FormData, key: string) => String(form.get(key) ?? "").trim()
const ID = /^[\w-]{1,100}$/
const KEY = /^[\w:.-]{8,100}$/

async function start(token: string, key: string, body: PurchaseBody) {
  const { purchase } = await api<{ purchase: Purchase }>("/store/purchases", {
    method: "POST",
    token,
    body,
    headers: { "idempotency-key": key },
    timeoutMs: 30_000,
  })
  return purchase
}

/**
 * POST /store/purchases with `game_ids`, points, promotion codes, the payment and the expected
 * total, under the form's Idempotency-Key: a double submit sends the same key and body and gets
 * the same purchase. A refusal answers a fresh key for the next attempt (the player may change
 * the body, which under the old key would be a 422).
 */
export async function placePurchase(_: FormState, form: FormData): Promise<FormState> {
  const country = (await findCountry(str(form, "country")))?.code ?? "us"
  const key = str(form, "idempotency_key")
  const gameIds = str(form, "game_ids").split(",").filter((s) => ID.test(s)).slice(0, 20)
  const points = Math.max(0, Math.floor(Number(str(form, "points")) || 0))
  const method = str(form, "method")
  const account = str(form, "account").replace(/\s+/g, "")
  const promo = str(form, "promo_code")
  const expected = Number(str(form, "expected_total"))
  const cashDue = str(form, "cash_due") === "1"
  const fromCart = str(form, "from") === "cart"
  let purchase: Purchase
  try {
    const token = await getToken()
    if (!token) throw new ApiError("", 401, "signed_out")
    if (!KEY.test(key) || !gameIds.length) throw new ApiError("", 400, "fields_required")
    if (promo && !/^[\w-]{1,60}$/.test(promo)) throw new ApiError("", 400, "invalid_promotion_code")
    if (cashDue && !method) throw new ApiError("", 400, "method_required")
    if (cashDue && account.length > 64) throw new ApiError("", 400, "account_invalid")
    const body: PurchaseBody = {
      game_ids: gameIds,
      points,
      ...(promo ? { promo_codes: [promo] } : {}),
      // A promotion changes the total: the backend's quote is the truth then.
      ...(!promo && Number.isFinite(expected) && expected >= 0 ? { expected_total: expected } : {}),
      ...(cashDue ? { payment: { provider_id: str(form, "provider_id") || undefined, method, ...(account ? { account } : {}) } } : {}),
    }
    purchase = await start(token, key, body)
    rememberAttempt(actorOf(token), purchase.id, body, fromCart)
  } catch (error) {
    return { error: await describeError(error), key: randomUUID() }
  }
  if (fromCart) {
    const bought = new Set(gameIds)
    await writeCart((await readCart()).filter((g) => !bought.has(g)))
  }
  redirect(`/${country}/purchases/${purchase.id}`)
}

/**
 * The extra authentication step: the bank asked the payer to confirm (the purchase failed with
 * `authentication_required`); the same request again with `authentication: "passed"`, under a new key.
 */
export async function confirmAuthentication(_: FormState, form: FormData): Promise<FormState> {
  const country = (await findCountry(str(form, "country")))?.code ?? "us"
  const previous = str(form, "purchase_id")
  const key = str(form, "idempotency_key")
  let purchase: Purchase
  try {
    const token = await getToken()
    if (!token) throw new ApiError("", 401, "signed_out")
    const attempt = recallAttempt(actorOf(token), previous)
    if (!attempt || !KEY.test(key)) throw new ApiError("", 400, "attempt_expired")
    const body: PurchaseBody = {
      ...attempt.body,
      payment: { ...(attempt.body.payment ?? {}), authentication: "passed" },
    }
    purchase = await start(token, key, body)
    forgetAttempt(actorOf(token), previous)
    rememberAttempt(actorOf(token), purchase.id, body, attempt.from_cart)
  } catch (error) {
    return { error: await describeError(error), key: randomUUID() }
  }
  redirect(`/${country}/purchases/${purchase.id}`)
}

/** Sandbox only: the payer pays (or the bank refuses) a konbini slip / Pix code / SEPA debit. */
export async function sandboxPay(_: FormState, form: FormData): Promise<FormState> {
  const id = str(form, "purchase_id")
  const outcome = str(form, "outcome") === "failed" ? "failed" : "paid"
  try {
    const token = await getToken()
    if (!token) throw new ApiError("", 401, "signed_out")
    if (!ID.test(id)) throw new ApiError("", 404, null)
    await api(`/store/purchases/${id}/sandbox-payment`, { method: "POST", token, body: { outcome } })
  } catch (error) {
    return { error: await describeError(error) }
  }
  return { ok: outcome }
}
