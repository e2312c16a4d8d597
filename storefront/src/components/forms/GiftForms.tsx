"use client"

import { useActionState, useEffect } from "react"
import { useRouter } from "next/navigation"
import { useTranslations } from "next-intl"
import { giftAction, markNotificationsSeen } from "@/lib/actions/gifts"
import { initialFormState } from "@/lib/actions/types"
import { FormMessage, SubmitButton } from "./SubmitButton"

/** Accept / decline a received gift, or cancel a sent one before its delivery. */
export function GiftButton({
  country,
  op,
  id,
  text,
  label,
  confirm,
  variant = "btn-secondary",
}: {
  country: string
  op: "accept" | "decline" | "cancel"
  id: string
  text: string
  label: string
  confirm?: string
  variant?: string
}) {
  const t = useTranslations("gifts")
  const [state, action] = useActionState(giftAction, initialFormState)
  return (
    <form
      action={action}
      className="inline-form"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault()
      }}
    >
      <input type="hidden" name="country" value={country} />
      <input type="hidden" name="op" value={op} />
      <input type="hidden" name="id" value={id} />
      <SubmitButton pendingLabel={t("working")} className={`btn ${variant}`}>
        <span aria-hidden="true">{text}</span>
        <span className="sr-only">{label}</span>
      </SubmitButton>
      <FormMessage error={state.error} />
    </form>
  )
}

/**
 * Opening the inbox reads it: marks seen up to the newest notice shown, then refreshes so the
 * header's count goes. Done after render (not during it) so a prefetch does not mark anything.
 */
export function MarkSeen({ until }: { until: string | null }) {
  const router = useRouter()
  useEffect(() => {
    if (!until) return
    let live = true
    markNotificationsSeen(until).then((answer) => {
      if (live && answer) router.refresh()
    })
    return () => {
      live = false
    }
  }, [until, router])
  return null
}
