"use client"

import { useActionState } from "react"
import { useTranslations } from "next-intl"
import { changeResidence, resendVerification, updateProfile } from "@/lib/actions/account"
import { initialFormState } from "@/lib/actions/types"
import { HandleField } from "./Fields"
import { FormMessage, SubmitButton } from "./SubmitButton"

export function ProfileForm({
  profile,
  zones,
  defaultZoneLabel,
}: {
  profile: { handle: string; display_name: string; time_zone: string | null }
  zones: string[]
  defaultZoneLabel: string
}) {
  const t = useTranslations("account")
  const [state, action] = useActionState(updateProfile, initialFormState)
  // After the action React resets the form to its defaults: the values just sent, else the profile's.
  const kept = (state.data ?? {}) as Record<string, string>
  const v = { handle: kept.handle ?? profile.handle, display_name: kept.display_name ?? profile.display_name, time_zone: kept.time_zone ?? profile.time_zone ?? "" }
  const k = `${v.handle}|${v.display_name}|${v.time_zone}`
  return (
    <form action={action} className="form">
      <HandleField label={t("handle")} hint={t("handleHint")} hintId="p-handle-hint" value={v.handle} resetKey={k} required invalid={state.field === "handle"} />
      <label className="field">
        <span>{t("displayName")}</span>
        <input type="text" name="display_name" defaultValue={v.display_name} key={`d-${k}`} required maxLength={40} />
      </label>
      <label className="field">
        <span>{t("timeZone")}</span>
        <select name="time_zone" defaultValue={v.time_zone} key={`z-${k}`}>
          <option value="">{defaultZoneLabel}</option>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, " ")}
            </option>
          ))}
        </select>
      </label>
      <FormMessage error={state.error} ok={state.ok} />
      <SubmitButton pendingLabel={t("saving")}>{t("saveProfile")}</SubmitButton>
    </form>
  )
}

export function ResidenceForm({ countries, current }: { countries: { code: string; name: string }[]; current: string | null }) {
  const t = useTranslations("account")
  const [state, action] = useActionState(changeResidence, initialFormState)
  return (
    <form action={action} className="form">
      <label className="field">
        <span>{t("newResidence")}</span>
        <select name="country_code" defaultValue={current?.toLowerCase() ?? ""} required>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("reason")}</span>
        <input type="text" name="reason" maxLength={500} />
        <small className="muted">{t("optional")}</small>
      </label>
      <FormMessage error={state.error} ok={state.ok} />
      <SubmitButton pendingLabel={t("saving")} className="btn btn-secondary">
        {t("changeResidence")}
      </SubmitButton>
    </form>
  )
}

export function ResendVerification() {
  const t = useTranslations("account")
  const [state, action] = useActionState(resendVerification, initialFormState)
  return (
    <form action={action} className="inline-form">
      <SubmitButton pendingLabel={t("sending")} className="btn btn-secondary">
        {t("resend")}
      </SubmitButton>
      <FormMessage error={state.error} ok={state.ok} />
    </form>
  )
}
