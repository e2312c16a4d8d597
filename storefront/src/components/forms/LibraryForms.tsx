"use client"

import { useActionState } from "react"
import { useTranslations } from "next-intl"
import { prepareDownload, requestRefund } from "@/lib/actions/library"
import { initialFormState } from "@/lib/actions/types"
import { FormMessage, SubmitButton } from "./SubmitButton"

export function RefundForm({
  country,
  entry,
  idempotencyKey,
  title,
}: {
  country: string
  entry: { order_id: string | null; game_id: string; gift_id: string | null }
  idempotencyKey: string
  title: string
}) {
  const t = useTranslations("library")
  const [state, action] = useActionState(requestRefund, { key: idempotencyKey })
  return (
    <form
      action={action}
      className="inline-form"
      onSubmit={(e) => {
        if (!window.confirm(t("refundConfirm", { title }))) e.preventDefault()
      }}
    >
      <input type="hidden" name="country" value={country} />
      <input type="hidden" name="game_id" value={entry.game_id} />
      {entry.order_id && <input type="hidden" name="order_id" value={entry.order_id} />}
      {entry.gift_id && <input type="hidden" name="gift_id" value={entry.gift_id} />}
      <input type="hidden" name="idempotency_key" value={state.key ?? idempotencyKey} />
      <SubmitButton pendingLabel={t("refunding")} className="btn btn-ghost">
        {t("requestRefund")}
      </SubmitButton>
      <FormMessage error={state.error} />
    </form>
  )
}

export function DownloadForm({ entryId, intl }: { entryId: string; intl: string }) {
  const t = useTranslations("library")
  const [state, action] = useActionState(prepareDownload, initialFormState)
  const data = state.data as { asset?: string; expires_at?: string } | undefined
  const asset = data?.asset ?? ""
  const expires = data?.expires_at ? new Intl.DateTimeFormat(intl, { timeStyle: "short" }).format(new Date(data.expires_at)) : ""
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="entry_id" value={entryId} />
      <SubmitButton pendingLabel={t("preparing")} className="btn btn-primary">
        {t("download")}
      </SubmitButton>
      <FormMessage error={state.error} />
      {state.ok && (
        <p className="form-msg form-ok" role="status">
          {/^https?:\/\//.test(asset) ? (
            <a href={asset} rel="noopener noreferrer">
              {t("downloadReady")}
            </a>
          ) : (
            <>
              {t("downloadReady")} <code className="asset">{asset || "—"}</code>
            </>
          )}{" "}
          <span className="muted">{t("linkExpires", { time: expires })}</span>
        </p>
      )}
    </form>
  )
}
