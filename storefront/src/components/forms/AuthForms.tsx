"use client"

import { useActionState, useEffect, useState } from "react"
import Link from "next/link"
import { useTranslations } from "next-intl"
import { signIn, signUp } from "@/lib/actions/auth"
import { initialFormState } from "@/lib/actions/types"
import { EmailField, HandleField, Hinted } from "./Fields"
import { FormMessage, SubmitButton } from "./SubmitButton"

type Carry = { country: string; next?: string; intent?: string; game?: string }

function CarryFields({ carry }: { carry: Carry }) {
  return (
    <>
      <input type="hidden" name="country" value={carry.country} />
      {carry.next && <input type="hidden" name="next" value={carry.next} />}
      {carry.intent && <input type="hidden" name="intent" value={carry.intent} />}
      {carry.game && <input type="hidden" name="game" value={carry.game} />}
    </>
  )
}

export function SignInForm({ carry, signUpHref }: { carry: Carry; signUpHref: string }) {
  const t = useTranslations("auth")
  const [state, action] = useActionState(signIn, initialFormState)
  const kept = (state.data ?? {}) as Record<string, string>
  return (
    <form action={action} className="form card-panel" noValidate={false}>
      <CarryFields carry={carry} />
      <EmailField label={t("email")} value={kept.email ?? ""} />
      <label className="field">
        <span>{t("password")}</span>
        <input type="password" name="password" autoComplete="current-password" required maxLength={200} />
      </label>
      <FormMessage error={state.error} />
      <SubmitButton pendingLabel={t("signingIn")} className="btn btn-primary btn-lg">
        {t("signIn")}
      </SubmitButton>
      <p className="muted small">
        {t("noAccount")} <Link href={signUpHref}>{t("createAccount")}</Link>
      </p>
    </form>
  )
}

export function SignUpForm({
  carry,
  countries,
  defaultCountry,
  signInHref,
}: {
  carry: Carry
  countries: { code: string; name: string }[]
  defaultCountry: string
  signInHref: string
}) {
  const t = useTranslations("auth")
  const [state, action] = useActionState(signUp, initialFormState)
  const kept = (state.data ?? {}) as Record<string, string>
  const [zone, setZone] = useState("")
  useEffect(() => {
    try {
      setZone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? "")
    } catch {}
  }, [])
  return (
    <form action={action} className="form card-panel">
      <CarryFields carry={carry} />
      <input type="hidden" name="time_zone" value={zone} />
      <EmailField label={t("email")} value={kept.email ?? ""} />
      <Hinted hint={t("passwordHint")} hintId="pw-hint">
        <label className="field">
          <span>{t("password")}</span>
          <input
            type="password"
            name="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={200}
            aria-invalid={state.field === "password" || undefined}
            aria-describedby="pw-hint"
          />
        </label>
      </Hinted>
      <Hinted hint={t("residenceHint")} hintId="res-hint">
        <label className="field">
          <span>{t("residence")}</span>
          <select name="residence_country" defaultValue={kept.residence_country || defaultCountry} key={`r-${kept.residence_country ?? ""}`} required aria-describedby="res-hint">
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </Hinted>
      <HandleField
        label={t("handle")}
        hint={t("handleHint")}
        hintId="handle-hint"
        value={kept.handle ?? ""}
        autoComplete="username"
        invalid={state.field === "handle"}
      />
      <label className="field">
        <span>{t("displayName")}</span>
        <input type="text" name="display_name" autoComplete="nickname" maxLength={40} defaultValue={kept.display_name ?? ""} key={`d-${kept.display_name ?? ""}`} />
        <small className="muted">{t("optional")}</small>
      </label>
      {zone && <p className="muted small">{t("timeZoneNote", { zone })}</p>}
      <FormMessage error={state.error} />
      <SubmitButton pendingLabel={t("creating")} className="btn btn-primary btn-lg">
        {t("createAccount")}
      </SubmitButton>
      <p className="muted small">
        {t("haveAccount")} <Link href={signInHref}>{t("signIn")}</Link>
      </p>
    </form>
  )
}
