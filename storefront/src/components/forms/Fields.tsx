"use client"

import type { ReactNode } from "react"

/**
 * A labelled control with a hint below it. The hint sits outside the <label>, so the control's
 * accessible name is the label alone and the hint is its description (aria-describedby).
 */
export function Hinted({ hint, hintId, hintClass = "muted", children }: { hint: ReactNode; hintId: string; hintClass?: string; children: ReactNode }) {
  return (
    <div className="field">
      {children}
      <small id={hintId} className={hintClass}>
        {hint}
      </small>
    </div>
  )
}

/**
 * Fields the sign-in, sign-up and profile forms share. `resetKey` remounts the input when the
 * value kept from the last attempt changes: React resets an uncontrolled form after its action,
 * and the remount shows what the player typed instead of an empty field.
 */
export function EmailField({ label, value, autoComplete = "email" }: { label: string; value: string; autoComplete?: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type="email" name="email" autoComplete={autoComplete} required maxLength={254} defaultValue={value} key={`e-${value}`} />
    </label>
  )
}

/** A handle as the backend takes it: a letter, then 2–19 letters, digits or underscores. */
export function HandleField({
  label,
  hint,
  hintId,
  value,
  resetKey = value,
  required = false,
  invalid = false,
  autoComplete,
}: {
  label: string
  hint: string
  hintId: string
  value: string
  resetKey?: string
  required?: boolean
  invalid?: boolean
  autoComplete?: string
}) {
  return (
    <Hinted hint={hint} hintId={hintId}>
      <label className="field">
        <span>{label}</span>
        <input
          type="text"
          name="handle"
          autoComplete={autoComplete}
          defaultValue={value}
          key={`h-${resetKey}`}
          required={required}
          pattern="[A-Za-z][A-Za-z0-9_]{2,19}"
          maxLength={20}
          aria-invalid={invalid || undefined}
          aria-describedby={hintId}
        />
      </label>
    </Hinted>
  )
}
