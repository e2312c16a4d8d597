"use client"

import { useFormStatus } from "react-dom"

/** A submit button that is disabled (and says so) while its form's action runs: no double submit. */
export function SubmitButton({
  children,
  pendingLabel,
  className = "btn btn-primary",
  name,
  value,
  disabled,
}: {
  children: React.ReactNode
  pendingLabel: string
  className?: string
  name?: string
  value?: string
  disabled?: boolean
}) {
  const { pending } = useFormStatus()
  return (
    <button type="submit" className={className} disabled={pending || disabled} aria-disabled={pending || disabled} name={name} value={value}>
      {pending ? pendingLabel : children}
    </button>
  )
}

/** The answer of a form's action, announced to screen readers. */
export function FormMessage({ error, ok, id }: { error?: string; ok?: string; id?: string }) {
  if (error)
    return (
      <p className="form-msg form-error" role="alert" id={id}>
        {error}
      </p>
    )
  if (ok)
    return (
      <p className="form-msg form-ok" role="status" id={id}>
        {ok}
      </p>
    )
  return null
}
