"use client"

import { useActionState, useEffect, useId, useMemo, useState } from "react"
import { useTranslations } from "next-intl"
import { sendGift } from "@/lib/actions/gifts"
import { formatPrice } from "@/lib/format"
import type { Recipient } from "@/lib/social"
import { MethodField, PointsField, type Method } from "./PaymentFields"
import { Hinted } from "./Fields"
import { FormMessage, SubmitButton } from "./SubmitButton"

type Props = {
  country: string
  intl: string
  gameId: string
  idempotencyKey: string
  total: number
  currency: string
  balance: number
  pointValue: number
  providerId: string
  methods: Method[]
  recipients: (Recipient & { why: string })[]
  /** The sender's zone from their profile; else the browser's. */
  senderZone: string | null
  disabled?: boolean
}

const round = (n: number) => Math.round(n * 1e6) / 1e6
const MAX_MESSAGE = 500

/** A datetime-local value `minutes` from now, in the browser's own clock (the field's min). */
function localIn(minutes: number) {
  const d = new Date(Date.now() + minutes * 60_000)
  d.setSeconds(0, 0)
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}

/**
 * Buy as gift: a friend (those who cannot receive this game are shown, disabled, with why), a
 * message, now or a time (in the sender's zone, the friend's zone shown beside it), then points
 * and the payment method as at checkout. The Idempotency-Key travels in the form.
 */
export function GiftForm(props: Props) {
  const t = useTranslations("gift")
  const tc = useTranslations("checkout")
  const id = useId()
  const [state, action] = useActionState(sendGift, { key: props.idempotencyKey })
  const firstGiftable = props.recipients.find((r) => r.giftable)?.customer_id ?? ""
  const [to, setTo] = useState(firstGiftable)
  const [message, setMessage] = useState("")
  const [when, setWhen] = useState<"now" | "later">("now")
  const [deliverAt, setDeliverAt] = useState("")
  const [zone, setZone] = useState(props.senderZone ?? "")
  const [points, setPoints] = useState(0)
  const [method, setMethod] = useState(props.methods[0]?.id ?? "")
  const [account, setAccount] = useState("")
  useEffect(() => {
    if (!props.senderZone) setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC")
  }, [props.senderZone])
  const maxPoints = useMemo(
    () => (props.pointValue > 0 ? Math.max(0, Math.min(props.balance, Math.floor(props.total / props.pointValue + 1e-9))) : 0),
    [props.balance, props.total, props.pointValue],
  )
  const used = Math.min(Math.max(0, Math.floor(points || 0)), maxPoints)
  const cash = Math.max(0, round(props.total - used * props.pointValue))
  const cashDue = cash > 1e-9
  const money = (n: number) => formatPrice(n, props.currency, props.intl)
  const friend = props.recipients.find((r) => r.customer_id === to)
  const length = [...message].length

  return (
    <form action={action} className="form gift-form">
      <input type="hidden" name="country" value={props.country} />
      <input type="hidden" name="game_id" value={props.gameId} />
      <input type="hidden" name="idempotency_key" value={state.key ?? props.idempotencyKey} />
      <input type="hidden" name="expected_total" value={String(props.total)} />
      <input type="hidden" name="cash_due" value={cashDue ? "1" : "0"} />
      <input type="hidden" name="provider_id" value={props.providerId} />
      <input type="hidden" name="time_zone" value={zone} />

      <fieldset className="fieldset" aria-describedby={state.field === "recipient" ? `${id}-err` : undefined}>
        <legend>{t("to")}</legend>
        <div className="recipients" role="radiogroup">
          {props.recipients.map((r) => (
            <label key={r.customer_id} className={`method recipient${r.customer_id === to ? " chosen" : ""}${r.giftable ? "" : " is-disabled"}`}>
              <input
                type="radio"
                name="recipient_id"
                value={r.customer_id}
                checked={r.customer_id === to}
                disabled={!r.giftable}
                onChange={() => setTo(r.customer_id)}
                aria-describedby={r.giftable ? undefined : `${id}-why-${r.customer_id}`}
              />
              <span className="method-name">
                {r.display_name ?? r.handle} <span className="muted small">@{r.handle}</span>
              </span>
              {r.giftable ? (
                <span className="muted small">{r.time_zone}</span>
              ) : (
                <span className="chip" id={`${id}-why-${r.customer_id}`}>{r.why}</span>
              )}
            </label>
          ))}
        </div>
      </fieldset>

      <Hinted hint={t("messageCount", { count: length, max: MAX_MESSAGE })} hintId={`${id}-count`} hintClass={length > MAX_MESSAGE ? "warn-text" : "muted"}>
        <label className="field">
          <span>{t("message")}</span>
          <textarea
            name="message"
            rows={4}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            aria-describedby={`${id}-count`}
            aria-invalid={length > MAX_MESSAGE || undefined}
          />
        </label>
      </Hinted>

      <fieldset className="fieldset">
        <legend>{t("when")}</legend>
        <div className="methods" role="radiogroup">
          <label className={`method${when === "now" ? " chosen" : ""}`}>
            <input type="radio" name="when" value="now" checked={when === "now"} onChange={() => setWhen("now")} />
            <span className="method-name">{t("now")}</span>
          </label>
          <label className={`method${when === "later" ? " chosen" : ""}`}>
            <input type="radio" name="when" value="later" checked={when === "later"} onChange={() => setWhen("later")} />
            <span className="method-name">{t("later")}</span>
          </label>
        </div>
        {when === "later" && (
          <Hinted
            hint={friend ? t("friendZone", { name: friend.display_name ?? friend.handle ?? "", zone: friend.time_zone }) : t("scheduleHelp")}
            hintId={`${id}-zone`}
          >
            <label className="field">
              <span>{t("deliverAt", { zone: zone || "—" })}</span>
              <input
                type="datetime-local"
                name="deliver_at"
                required
                value={deliverAt}
                min={localIn(1)}
                onChange={(e) => setDeliverAt(e.target.value)}
                aria-describedby={`${id}-zone`}
              />
            </label>
          </Hinted>
        )}
      </fieldset>

      <PointsField used={used} max={maxPoints} balance={props.balance} pointValue={props.pointValue} money={money} onChange={setPoints} />
      {cashDue && <MethodField methods={props.methods} method={method} onMethod={setMethod} account={account} onAccount={setAccount} hintId={`${id}-acct`} />}

      <dl className="totals">
        <dt>{tc("subtotal")}</dt>
        <dd>{money(props.total)}</dd>
        {used > 0 && (
          <>
            <dt>{tc("pointsApplied", { points: used })}</dt>
            <dd>−{money(round(used * props.pointValue))}</dd>
          </>
        )}
        <dt className="total-label">{tc("toPay")}</dt>
        <dd className="total-value" aria-live="polite">{money(cash)}</dd>
      </dl>

      <FormMessage error={state.error} id={`${id}-err`} />
      <SubmitButton
        pendingLabel={tc("paying")}
        className="btn btn-primary btn-lg"
        disabled={props.disabled || !firstGiftable || length > MAX_MESSAGE || (cashDue && !props.methods.length)}
      >
        {cashDue ? t("payGift", { amount: money(cash) }) : t("payGiftPoints")}
      </SubmitButton>
    </form>
  )
}
