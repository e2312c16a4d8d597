"use client"

import { useActionState, useEffect } from "react"
import { useRouter } from "next/navigation"
import { useTranslations } from "next-intl"
import { confirmAuthentication, sandboxPay } from "@/lib/actions/checkout"
import { initialFormState } from "@/lib/actions/types"
import { FormMessage, SubmitButton } from "./SubmitButton"

/** The extra authentication step (3-D Secure style): confirm and the purchase is sent again. */
export function AuthStepForm({ country, purchaseId, idempotencyKey }: { country: string; purchaseId: string; idempotencyKey: string }) {
  const t = useTranslations("purchase")
  const [state, action] = useActionState(confirmAuthentication, { key: idempotencyKey })
  return (
    <form action={action} className="form">
      <input type="hidden" name="country" value={country} />
      <input type="hidden" name="purchase_id" value={purchaseId} />
      <input type="hidden" name="idempotency_key" value={state.key ?? idempotencyKey} />
      <FormMessage error={state.error} />
      <SubmitButton pendingLabel={t("confirming")} className="btn btn-primary btn-lg">
        {t("confirmPayment")}
      </SubmitButton>
    </form>
  )
}

/** Sandbox only: play the payer (paid) or the bank (failed) for a deferred payment. */
export function SandboxPayForm({ purchaseId }: { purchaseId: string }) {
  const t = useTranslations("purchase")
  const router = useRouter()
  const [state, action] = useActionState(sandboxPay, initialFormState)
  useEffect(() => {
    if (state.ok) router.refresh()
  }, [state, router])
  return (
    <form action={action} className="sandbox-box">
      <input type="hidden" name="purchase_id" value={purchaseId} />
      <p className="muted small">{t("sandboxNote")}</p>
      <div className="actions-left">
        <SubmitButton pendingLabel={t("sending")} className="btn btn-secondary" name="outcome" value="paid">
          {t("sandboxPaid")}
        </SubmitButton>
        <SubmitButton pendingLabel={t("sending")} className="btn btn-ghost" name="outcome" value="failed">
          {t("sandboxFailed")}
        </SubmitButton>
      </div>
      <FormMessage error={state.error} ok={state.ok ? t("sandboxSent") : undefined} />
    </form>
  )
}
