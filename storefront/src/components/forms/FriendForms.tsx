"use client"

import { useActionState, useId } from "react"
import { useTranslations } from "next-intl"
import { friendAction, sendFriendRequest } from "@/lib/actions/friends"
import { initialFormState } from "@/lib/actions/types"
import { Hinted } from "./Fields"
import { FormMessage, SubmitButton } from "./SubmitButton"

export function AddFriendForm({ country }: { country: string }) {
  const t = useTranslations("friends")
  const id = useId()
  const [state, action] = useActionState(sendFriendRequest, initialFormState)
  return (
    <form action={action} className="form add-friend-form">
      <input type="hidden" name="country" value={country} />
      <Hinted hint={t("whoHelp")} hintId={`${id}-help`}>
        <label className="field">
          <span>{t("who")}</span>
          <input type="text" name="who" required maxLength={254} autoComplete="off" spellCheck={false} aria-describedby={`${id}-help`} />
        </label>
      </Hinted>
      <FormMessage error={state.error} ok={state.ok} />
      <SubmitButton pendingLabel={t("sending")}>{t("send")}</SubmitButton>
    </form>
  )
}

/**
 * One button acting on a request, a friend or a block. `label` names the person too, so a
 * screen reader's list of buttons says whom each one is for.
 */
export function FriendButton({
  country,
  op,
  id,
  text,
  label,
  confirm,
  variant = "btn-secondary",
}: {
  country: string
  op: "accept" | "decline" | "cancel" | "remove" | "block" | "unblock"
  id: string
  text: string
  label: string
  confirm?: string
  variant?: string
}) {
  const t = useTranslations("friends")
  const [state, action] = useActionState(friendAction, initialFormState)
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
