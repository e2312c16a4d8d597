import {
  AbstractPaymentProvider,
  BigNumber,
  ContainerRegistrationKeys,
  MedusaError,
  PaymentActions,
  PaymentSessionStatus,
} from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { createHash } from "crypto"
import { SandboxGateway } from "./gateway"
import { faultPoint } from "../../workflows/faults"
import {
  countryForCurrency,
  DEFAULT_METHOD_ID,
  findMethod,
  maskAccount,
  methodsForCountry,
  paymentInstructions,
  triggerFor,
} from "./methods"
import { SIGNATURE_HEADER, verifyWebhook } from "./webhook"
import { processSecret } from "../../secrets"

export type SandboxOptions = {
  webhook_secret?: string
  /**
   * "manual": authorization never captures (capture is a later call), whatever the session says;
   * "automatic": authorization always captures. Unset: the session's `capture` decides.
   */
  capture?: "manual" | "automatic"
}

/**
 * The webhook secret when none is configured: random per process, never a literal (medusa-config.ts
 * passes SANDBOX_WEBHOOK_SECRET, which production requires and `npm start` generates).
 */
export const DEV_WEBHOOK_SECRET = processSecret("SANDBOX_WEBHOOK_SECRET")

type SessionData = {
  charge_id?: string
  method?: string
  country?: string
  account?: string
  authentication?: string
  /** "automatic": authorization also captures (a saga's pivot is one provider call). */
  capture?: "automatic" | "manual"
  [key: string]: unknown
}

/** Medusa hands amounts over as numbers, strings or BigNumber objects. */
function amountOf(value: unknown): number {
  return new BigNumber(value as any).numeric
}

/**
 * The country a session without one pays in. Medusa's store route hands the provider no cart:
 * `context` holds only `idempotency_key`, `customer` (with `addresses` and `billing_address`, when
 * logged in) and `account_holder`. An address country from the context is preferred when the sandbox
 * serves it (a caller may also pass `billing_address` / `shipping_address` / `cart` there), else the
 * country of the payment's currency.
 */
export function defaultCountry(context: Record<string, any> | undefined, currencyCode: string | null | undefined) {
  const c = context ?? {}
  const candidates = [
    c.billing_address?.country_code,
    c.shipping_address?.country_code,
    c.cart?.billing_address?.country_code,
    c.cart?.shipping_address?.country_code,
    c.customer?.billing_address?.country_code,
    ...(Array.isArray(c.customer?.addresses) ? c.customer.addresses.map((a: any) => a?.country_code) : []),
  ]
  const served = candidates
    .filter((x): x is string => typeof x === "string" && !!x)
    .map((x) => x.toUpperCase())
    .find((x) => methodsForCountry(x).length > 0)
  return served ?? countryForCurrency(currencyCode)
}

export class SandboxTimeoutError extends MedusaError {
  constructor() {
    super(MedusaError.Types.UNEXPECTED_STATE, "The payment provider did not answer in time", "provider_timeout")
  }
}

/** A provider call that timed out, as the provider's own error or as Medusa rethrows its message. */
export function isProviderTimeout(error: any) {
  return error?.code === "provider_timeout" || /did not answer in time/.test(error?.message ?? "")
}

/**
 * kstore's default payment provider: each country's cards and easy-pay wallets, deterministic test
 * triggers, idempotent calls and signed webhooks for methods that settle later.
 */
class SandboxPaymentProviderService extends AbstractPaymentProvider<SandboxOptions> {
  static identifier = "sandbox"
  private gateway_: SandboxGateway

  static validateOptions(options: Record<string, unknown>) {
    if (options?.capture !== undefined && options.capture !== "manual" && options.capture !== "automatic") {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Sandbox payment option 'capture' must be "manual" or "automatic", got '${String(options.capture)}'`
      )
    }
  }

  constructor(cradle: Record<string, unknown>, options: SandboxOptions = {}) {
    super(cradle, options)
    this.gateway_ = SandboxGateway.for(cradle[ContainerRegistrationKeys.PG_CONNECTION] as any)
  }

  private key(context: { idempotency_key?: string } | undefined, fallback: string) {
    return context?.idempotency_key || fallback
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const given = (input.data ?? {}) as SessionData
    // The session data Medusa stores is this answer: it carries the account masked.
    const data: SessionData = given.account ? { ...given, account: maskAccount(given.account) } : { ...given }
    // A stock storefront sends only the provider id: pay by card in the payer's (or currency's) country.
    if (!data.country) {
      const country = defaultCountry(input.context as Record<string, any>, input.currency_code)
      if (country) data.country = country
    }
    if (!data.method) data.method = DEFAULT_METHOD_ID
    const method = findMethod(data.country, data.method)
    if (!method) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Payment method '${data.method ?? ""}' is not offered in ${data.country ?? "an unknown country"}`,
        "unknown_payment_method"
      )
    }
    const key = this.key(input.context, `initiate:${createHash("sha256").update(JSON.stringify(given)).digest("hex")}:${amountOf(input.amount)}`)
    const charge = await this.gateway_.createCharge(key, {
      amount: amountOf(input.amount),
      currency_code: input.currency_code,
      method: method.id,
      country: data.country ?? null,
      status: "pending",
    })
    const chargeId = charge.charge_id as string
    return {
      id: chargeId,
      status: PaymentSessionStatus.PENDING,
      data: { ...data, method_name: method.name, charge_id: chargeId, async: method.async },
    }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const data = (input.data ?? {}) as SessionData
    if (!data.charge_id) throw new MedusaError(MedusaError.Types.INVALID_DATA, "No sandbox charge on this session")
    const method = findMethod(data.country, data.method)
    switch (triggerFor(data.account)) {
      case "decline":
        await this.gateway_.setStatus(this.key(input.context, `auth:${data.charge_id}`), data.charge_id, "declined")
        return { status: PaymentSessionStatus.ERROR, data: { ...data, decline_reason: "card_declined" } }
      case "timeout":
        throw new SandboxTimeoutError()
      case "authenticate":
        if (data.authentication !== "passed") {
          return {
            status: PaymentSessionStatus.REQUIRES_MORE,
            data: { ...data, next_action: { type: "authenticate", hint: "send authentication: 'passed'" } },
          }
        }
    }
    if (method?.async) {
      // Settles later: the payer pays the slip / code / debit and the gateway sends a webhook.
      const charge = await this.gateway_.charge(data.charge_id)
      if (charge?.status === "captured") {
        return { status: PaymentSessionStatus.CAPTURED, data: { ...data, gateway_status: "captured", captured: Number(charge.amount) } }
      }
      if (charge?.status === "declined") {
        return { status: PaymentSessionStatus.ERROR, data: { ...data, decline_reason: "payment_failed" } }
      }
      return {
        status: PaymentSessionStatus.PENDING_AUTHORIZATION,
        data: { ...data, instructions: paymentInstructions(method.id, data.charge_id) },
      }
    }
    // The provider's own capture mode overrides the session's (a manual-capture registration never captures here).
    if ((this.config.capture ?? data.capture) === "automatic") {
      // The gateway's capture, keyed by this authorization: a replay returns the first capture.
      const captured = await this.gateway_.capture(this.key(input.context, `auth:${data.charge_id}`), data.charge_id)
      await faultPoint("sandbox-authorize:after")
      if (captured.status !== "captured") {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Capture failed: ${captured.reason}`)
      }
      // Medusa records the capture itself when authorization answers "captured".
      return { status: PaymentSessionStatus.CAPTURED, data: { ...data, gateway_status: "captured", captured: captured.amount } }
    }
    const result = await this.gateway_.setStatus(
      this.key(input.context, `auth:${data.charge_id}`),
      data.charge_id,
      "authorized"
    )
    return { status: PaymentSessionStatus.AUTHORIZED, data: { ...data, gateway_status: result.status } }
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const data = (input.data ?? {}) as SessionData
    const result = await this.gateway_.capture(this.key(input.context, `capture:${data.charge_id}`), data.charge_id!)
    if (result.status !== "captured") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Capture failed: ${result.reason}`)
    }
    return { data: { ...data, captured: result.amount } }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const data = (input.data ?? {}) as SessionData
    if (triggerFor(data.account) === "refund_fail") {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "The provider refused the refund", "provider_refund_failed")
    }
    // Medusa keys the call by its refund's id: a replay of the same refund returns the first answer.
    const result = await this.gateway_.refund(
      this.key(input.context, `refund:${data.charge_id}:${amountOf(input.amount)}`),
      data.charge_id!,
      amountOf(input.amount)
    )
    if (result.status !== "refunded") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Refund failed: ${result.reason}`)
    }
    return { data }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const data = (input.data ?? {}) as SessionData
    if (data.charge_id) {
      const charge = await this.gateway_.charge(data.charge_id)
      if (charge && Number(charge.captured) === 0) {
        await this.gateway_.setStatus(this.key(input.context, `cancel:${data.charge_id}`), data.charge_id, "canceled")
      }
    }
    return { data }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return this.cancelPayment(input)
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = (input.data ?? {}) as SessionData
    const charge = data.charge_id ? await this.gateway_.charge(data.charge_id) : null
    const status: Record<string, PaymentSessionStatus> = {
      pending: PaymentSessionStatus.PENDING,
      authorized: PaymentSessionStatus.AUTHORIZED,
      captured: PaymentSessionStatus.CAPTURED,
      declined: PaymentSessionStatus.ERROR,
      canceled: PaymentSessionStatus.CANCELED,
    }
    return { status: status[charge?.status] ?? PaymentSessionStatus.PENDING, data }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const data = (input.data ?? {}) as SessionData
    const charge = data.charge_id ? await this.gateway_.charge(data.charge_id) : null
    return { data: { ...data, gateway: charge } }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    return { data: { ...(input.data ?? {}) } }
  }

  /** Settlement of asynchronous methods (konbini, Pix, SEPA), signed with HMAC-SHA256. */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const secret = this.config.webhook_secret || DEV_WEBHOOK_SECRET
    const raw = Buffer.isBuffer(payload.rawData) ? payload.rawData.toString("utf8") : String(payload.rawData ?? "")
    const verified = verifyWebhook(secret, raw, payload.headers?.[SIGNATURE_HEADER] as string | undefined)
    if (!verified.ok) {
      return { action: PaymentActions.NOT_SUPPORTED, data: { session_id: "", amount: 0 } } as WebhookActionResult
    }
    const event = payload.data as { type?: string; session_id?: string; amount?: number }
    const action =
      event.type === "payment.succeeded"
        ? PaymentActions.SUCCESSFUL
        : event.type === "payment.authorized"
          ? PaymentActions.AUTHORIZED
          : event.type === "payment.failed"
            ? PaymentActions.FAILED
            : PaymentActions.NOT_SUPPORTED
    return { action, data: { session_id: event.session_id ?? "", amount: Number(event.amount ?? 0) } }
  }
}

export default SandboxPaymentProviderService
