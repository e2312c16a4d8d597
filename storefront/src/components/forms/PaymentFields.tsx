"use client"

import { useTranslations } from "next-intl"
import { PaymentIcon } from "../PaymentIcon"
import { Hinted } from "./Fields"

export type Method = { id: string; name: string; type: string; async: boolean }

/** The points slider and number (0..max), shared by the checkout and the gift form. */
export function PointsField({
  used,
  max,
  balance,
  pointValue,
  money,
  onChange,
}: {
  used: number
  max: number
  balance: number
  pointValue: number
  money: (n: number) => string
  onChange: (points: number) => void
}) {
  const t = useTranslations("checkout")
  return (
    <fieldset className="fieldset">
      <legend>{t("points")}</legend>
      {max > 0 ? (
        <>
          <div className="points-row">
            <input
              type="range"
              min={0}
              max={max}
              step={1}
              value={used}
              onChange={(e) => onChange(Number(e.target.value))}
              aria-label={t("pointsSlider")}
              aria-valuetext={t("pointsValue", { points: used, value: money(used * pointValue) })}
            />
            <input
              type="number"
              name="points"
              min={0}
              max={max}
              step={1}
              value={used}
              onChange={(e) => onChange(Number(e.target.value))}
              aria-label={t("pointsNumber")}
              className="points-input"
            />
          </div>
          <p className="muted small">{t("pointsHelp", { balance, max, value: money(pointValue) })}</p>
        </>
      ) : (
        <>
          <input type="hidden" name="points" value="0" />
          <p className="muted small">{t("noPoints", { balance })}</p>
        </>
      )}
    </fieldset>
  )
}

/** The country's payment methods (radio group) and the card / wallet account when one is needed. */
export function MethodField({
  methods,
  method,
  onMethod,
  account,
  onAccount,
  hintId,
}: {
  methods: Method[]
  method: string
  onMethod: (id: string) => void
  account: string
  onAccount: (value: string) => void
  hintId: string
}) {
  const t = useTranslations("checkout")
  const chosen = methods.find((m) => m.id === method)
  return (
    <fieldset className="fieldset">
      <legend>{t("method")}</legend>
      {methods.length ? (
        <div className="methods" role="radiogroup">
          {methods.map((m) => (
            <label key={m.id} className={`method${m.id === method ? " chosen" : ""}`}>
              <input type="radio" name="method" value={m.id} checked={m.id === method} onChange={() => onMethod(m.id)} />
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
        <Hinted hint={t("sandboxHint")} hintId={hintId}>
          <label className="field">
            <span>{chosen.type === "card" ? t("cardNumber") : t("walletAccount")}</span>
            <input
              type="text"
              name="account"
              value={account}
              onChange={(e) => onAccount(e.target.value)}
              inputMode={chosen.type === "card" ? "numeric" : "text"}
              autoComplete={chosen.type === "card" ? "cc-number" : "off"}
              maxLength={64}
              required
              placeholder={chosen.type === "card" ? "4242 4242 4242 4242" : ""}
              aria-describedby={hintId}
            />
          </label>
        </Hinted>
      )}
      {chosen?.async && <p className="muted small">{t("asyncNote")}</p>}
    </fieldset>
  )
}
