import { getTranslations } from "next-intl/server"
import { ApiError, toApiError } from "./api"

/**
 * A refusal of the Store API as a sentence in the player's language: the `code` when the catalogue
 * knows it (messages `apiErrors.<code>`), else a sentence for the status, never a stack trace.
 */
export async function describeError(error: unknown): Promise<string> {
  const t = await getTranslations("apiErrors")
  const e = error instanceof ApiError ? error : toApiError(error)
  if (e.code === "rate_limited") {
    return e.retryAfter ? t("rate_limited_in", { seconds: e.retryAfter }) : t("rate_limited")
  }
  if (e.code && t.has(e.code)) return t(e.code)
  if (e.status === 0) return t("unreachable")
  if (e.status === 401) return t("signed_out")
  if (e.status === 404) return t("not_found")
  if (e.status === 429) return t("rate_limited")
  if (e.status >= 500) return t("server")
  // A refusal we have no sentence for: the backend's own (English) words, after ours.
  return e.message ? t("refused_detail", { detail: e.message }) : t("refused")
}

/** The reason codes of the API's decisions (purchase.reason, refund.reason, failure_reason). */
export async function reasonText(group: "purchaseReasons" | "refundReasons" | "failureReasons", code: string | null | undefined) {
  const t = await getTranslations(group)
  if (!code) return ""
  return t.has(code) ? t(code) : t("other", { code })
}
