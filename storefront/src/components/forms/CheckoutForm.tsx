"use client"

import { useActionState, useId, useMemo, useState } from "react"
import { useTranslations } from "next-intl"
import { placePurchase } from "@/lib/actions/checkout"
import { formatPrice } from "@/lib/format"
import { MethodField, PointsField, type Method } from "./PaymentFields"
import { Hinted } from "./Fields"
import { FormMessage, SubmitButton } from "./SubmitButton"

type Props = {
  country: string
  intl: string
  gameIds: string[]
  from: "cart" | "buy"
  idempotencyKey: string
  total: number
  currency: string
  balance: number
  pointValue: number
  providerId: string
  methods: Method[]
  disabled?: boolean
}

const round = (n: number) => Math.round(n * 1e6) / 1e6

/**
 * The checkout: points (a slider 0..min(balance, the total in points)), a promotion code, the
 * country's payment methods, and the pay button. The Idempotency-Key is in the form: a double
 * submit reuses it; after a refusal the action hands a fresh one for the next attempt.
 */
export function CheckoutForm(props: Props) {
  const t = useTranslations("checkout")
  const id = useId()
  const [state, action] = useActionState(placePurchase, { key: props.idempotencyKey })
  const maxPoints = useMemo(
    () => (props.pointValue > 0 ? Math.max(0, Math.min(props.balance, Math.floor(props.total / props.pointValue + 1e-9))) : 0),
    [props.balance, props.total, props.pointValue],
  )
  const [points, setPoints] = useState(0)
  const [method, setMethod] = useState(props.methods[0]?.id ?? "")
  const [promo, setPromo] = useState("")
  // Controlled: React resets uncontrolled fields after the action, and a refusal must keep them.
  const [account, setAccount] = useState("")
  const used = Math.min(Math.max(0, Math.floor(points || 0)), maxPoints)
  const cash = Math.max(0, round(props.total - used * props.pointValue))
  const cashDue = cash > 1e-9
  const money = (n: number) => formatPrice(n, props.currency, props.intl)

  return (
    <form action={action} className="form checkout-form" aria-describedby={`${id}-summary`}>
      <input type="hidden" name="country" value={props.country} />
      <input type="hidden" name="game_ids" value={props.gameIds.join(",")} />
      <input type="hidden" name="from" value={props.from} />
      <input type="hidden" name="idempotency_key" value={state.key ?? props.idempotencyKey} />
      <input type="hidden" name="expected_total" value={String(props.total)} />
      <input type="hidden" name="cash_due" value={cashDue ? "1" : "0"} />
      <input type="hidden" name="provider_id" value={props.providerId} />

      <PointsField used={used} max={maxPoints} balance={props.balance} pointValue={props.pointValue} money={money} onChange={setPoints} />

      <Hinted hint={t("promoHelp")} hintId={`${id}-promo`}>
        <label className="field">
          <span>{t("promo")}</span>
          <input
            type="text"
            name="promo_code"
            value={promo}
            onChange={(e) => setPromo(e.target.value.toUpperCase())}
            pattern="[A-Za-z0-9_\-]{1,60}"
            maxLength={60}
            autoComplete="off"
            aria-describedby={`${id}-promo`}
          />
        </label>
      </Hinted>

      {cashDue && (
        <MethodField methods={props.methods} method={method} onMethod={setMethod} account={account} onAccount={setAccount} hintId={`${id}-acct`} />
      )}

      <dl className="totals" id={`${id}-summary`}>
        <dt>{t("subtotal")}</dt>
        <dd>{money(props.total)}</dd>
        {used > 0 && (
          <>
            <dt>{t("pointsApplied", { points: used })}</dt>
            <dd>−{money(round(used * props.pointValue))}</dd>
          </>
        )}
        <dt className="total-label">{t("toPay")}</dt>
        <dd className="total-value" aria-live="polite">
          {money(cash)}
        </dd>
      </dl>
      {promo && <p className="muted small">{t("promoTotalNote")}</p>}

      <FormMessage error={state.error} />
      <SubmitButton pendingLabel={t("paying")} className="btn btn-primary btn-lg" disabled={props.disabled || (cashDue && !props.methods.length)}>
        {cashDue ? t("pay", { amount: money(cash) }) : t("payWithPoints")}
      </SubmitButton>
    </form>
  )
}
