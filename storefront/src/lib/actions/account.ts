"use server"

import { revalidatePath } from "next/cache"
import { getTranslations } from "next-intl/server"
import { api, ApiError } from "../api"
import { describeError } from "../errors"
import { getToken } from "../session"
import { findCountry } from "../regions"
import type { FormState } from "./types"

const str = (form: FormData, key: string) => String(form.get(key) ?? "").trim()

async function tokenOrError(): Promise<string> {
  const token = await getToken()
  if (!token) throw new ApiError("", 401, "signed_out")
  return token
}

/** POST /store/customers/me/profile: handle, display name, time zone (empty: the country's). */
export async function updateProfile(_: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations("account")
  const data = { handle: str(form, "handle"), display_name: str(form, "display_name"), time_zone: str(form, "time_zone") }
  try {
    const token = await tokenOrError()
    const zone = str(form, "time_zone")
    await api("/store/customers/me/profile", {
      method: "POST",
      token,
      body: { handle: str(form, "handle"), display_name: str(form, "display_name"), time_zone: zone || null },
    })
  } catch (error) {
    const field = error instanceof ApiError && (error.code === "handle_taken" || error.code === "invalid_handle") ? "handle" : undefined
    return { error: await describeError(error), field, data }
  }
  revalidatePath("/", "layout")
  return { ok: t("profileSaved"), data }
}

/** POST /store/customers/me/residence: once per the rule's days, else 409 with next_change_at. */
export async function changeResidence(_: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations("account")
  try {
    const token = await tokenOrError()
    const country = await findCountry(str(form, "country_code"))
    if (!country) throw new ApiError("", 400, "fields_required")
    const reason = str(form, "reason")
    await api("/store/customers/me/residence", {
      method: "POST",
      token,
      body: { country_code: country.code.toUpperCase(), ...(reason ? { reason: reason.slice(0, 500) } : {}) },
    })
  } catch (error) {
    return { error: await describeError(error) }
  }
  revalidatePath("/", "layout")
  return { ok: t("residenceSaved") }
}

/** POST /store/customers/me/email-verification: mails the link again (at most once a minute). */
export async function resendVerification(_: FormState): Promise<FormState> {
  const t = await getTranslations("account")
  try {
    const token = await tokenOrError()
    const { email_verification } = await api<{ email_verification: { email: string; verified: boolean } }>(
      "/store/customers/me/email-verification",
      { method: "POST", token },
    )
    if (email_verification.verified) {
      revalidatePath("/", "layout")
      return { ok: t("alreadyVerified") }
    }
    return { ok: t("verificationSent", { email: email_verification.email }) }
  } catch (error) {
    return { error: await describeError(error) }
  }
}
