"use server"

import { randomUUID } from "node:crypto"
import { redirect } from "next/navigation"
import { api, ApiError } from "../api"
import { describeError } from "../errors"
import { getToken } from "../session"
import { findCountry } from "../regions"
import type { Gift, Refund } from "../store"
import type { FormState } from "./types"

const str = (form: FormData, key: string) => String(form.get(key) ?? "").trim()
const ID = /^[\w-]{1,100}$/

/**
 * "Request refund": a game of an order → POST /store/orders/:order_id/refunds (that game, under the
 * form's Idempotency-Key); a game received as a gift → POST /store/gifts/:id/refund. Then the refund
 * page follows it.
 */
export async function requestRefund(_: FormState, form: FormData): Promise<FormState> {
  const country = (await findCountry(str(form, "country")))?.code ?? "us"
  const giftId = str(form, "gift_id")
  const orderId = str(form, "order_id")
  const gameId = str(form, "game_id")
  const key = str(form, "idempotency_key")
  let target: string
  try {
    const token = await getToken()
    if (!token) throw new ApiError("", 401, "signed_out")
    if (giftId) {
      if (!ID.test(giftId)) throw new ApiError("", 404, null)
      const { gift } = await api<{ gift: Gift }>(`/store/gifts/${giftId}/refund`, { method: "POST", token })
      target = `/${country}/refunds/${gift.id}?gift=1`
    } else {
      if (!ID.test(orderId) || !ID.test(gameId)) throw new ApiError("", 404, null)
      const { refund } = await api<{ refund: Refund }>(`/store/orders/${orderId}/refunds`, {
        method: "POST",
        token,
        body: { game_ids: [gameId] },
        headers: /^[\w:.-]{8,100}$/.test(key) ? { "idempotency-key": key } : {},
      })
      target = `/${country}/refunds/${refund.id}`
    }
  } catch (error) {
    return { error: await describeError(error), key: randomUUID() }
  }
  redirect(target)
}

/**
 * "Download": a signed link (POST /store/library/:id/download, 15 minutes), redeemed at once
 * (GET /store/downloads/:token) for the asset it names.
 */
export async function prepareDownload(_: FormState, form: FormData): Promise<FormState> {
  const id = str(form, "entry_id")
  try {
    const token = await getToken()
    if (!token) throw new ApiError("", 401, "signed_out")
    if (!ID.test(id)) throw new ApiError("", 404, null)
    const { download } = await api<{ download: { url: string; expires_at: string } }>(`/store/library/${id}/download`, { method: "POST", token })
    const path = download.url.startsWith("/") ? download.url : `/${download.url}`
    const redeemed = await api<{ download: { title: string; asset: string | null; expires_at: string } }>(path, { token })
    return { ok: "ready", data: { asset: redeemed.download.asset ?? "", title: redeemed.download.title, expires_at: download.expires_at } }
  } catch (error) {
    return { error: await describeError(error) }
  }
}
