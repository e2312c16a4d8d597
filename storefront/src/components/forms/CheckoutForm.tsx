"use client"

import { useActionState, useId, useMemo, useState } from "react"
import { useTranslations } from "next-intl"
import { placePurchase } from "@/lib/actions/checkout"
import { formatPrice } from "@/lib/format"
import { PaymentIcon } from "../PaymentIcon"
import { FormMessage, SubmitButton } from "./SubmitButton"

type Method = { id: string; name: string; type: string; async: boolean }

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
  const chosen = props.methods.find((m) => m.id === method)
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

      <fieldset className="fieldset">
        <legend>{t("points")}</legend>
        {maxPoints > 0 ? (
          <>
            <div className="points-row">
              <input
                type="range"
                min={0}
                max={maxPoints}
                step={1}
                value={used}
                onChange={(e) => setPoints(Number(e.target.value))}
                aria-label={t("pointsSlider")}
                aria-valuetext={t("pointsValue", { points: used, value: money(used * props.pointValue) })}
              />
              <input
                type="number"
                name="points"
                min={0}
                max={maxPoints}
                step={1}
                value={used}
                onChange={(e) => setPoints(Number(e.target.value))}
                aria-label={t("pointsNumber")}
                className="points-input"
              />
            </div>
            <p className="muted small">
              {t("pointsHelp", { balance: props.balance, max: maxPoints, value: money(props.pointValue) })}
            </p>
          </>
        ) : (
          <>
            <input type="hidden" name="points" value="0" />
            <p className="muted small">{t("noPoints", { balance: props.balance })}</p>
          </>
        )}
      </fieldset>

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
        <small id={`${id}-promo`} className="muted">{t("promoHelp")}</small>
      </label>

      {cashDue && (
        <fieldset className="fieldset">
          <legend>{t("method")}</legend>
          {props.methods.length ? (
            <div className="methods" role="radiogroup">
              {props.methods.map((m) => (
                <label key={m.id} className={`method${m.id === method ? " chosen" : ""}`}>
                  <input type="radio" name="method" value={m.id} checked={m.id === method} onChange={() => setMethod(m.id)} />
                  <PaymentIcon id={m.id} type={m.type} />
                  <span className="method-name">{m.name}</span>
                  {m.async && <span className="chip">{t("paysLater")}</span>}
                </label>
              ))}
            </div>
          ) : (
            <p className="notice notice-warn">{t("noMethods")}</p>
          )}
          {chosen && (chosen.type === "card" || chosen.type === "wallet") && (
            <label className="field">
              <span>{chosen.type === "card" ? t("cardNumber") : t("walletAccount")}</span>
              <input
                type="text"
                name="account"
                value={account}
                onChange={(e) => setAccount(e.target.value)}
                inputMode={chosen.type === "card" ? "numeric" : "text"}
                autoComplete={chosen.type === "card" ? "cc-number" : "off"}
                maxLength={64}
                required
                placeholder={chosen.type === "card" ? "4242 4242 4242 4242" : ""}
                aria-describedby={`${id}-acct`}
              />
              <small id={`${id}-acct`} className="muted">{t("sandboxHint")}</small>
            </label>
          )}
          {chosen?.async && <p className="muted small">{t("asyncNote")}</p>}
        </fieldset>
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
