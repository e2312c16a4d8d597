import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateEntityId, MedusaError, Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import SandboxPaymentProviderService, { isProviderTimeout, sagaChargeKey } from "../modules/sandbox-payment/service"
import { SandboxGateway } from "../modules/sandbox-payment/gateway"

import { SANDBOX_PROVIDER_ID } from "../modules/sandbox-payment/methods"

export const SANDBOX_PROVIDER = SANDBOX_PROVIDER_ID

type ChargeInput = {
  preorder_id: string
  amount: number
  currency_code: string
  country: string
  payment: { method: string; account?: string; authentication?: string }
}

let cached: { db: unknown; provider: SandboxPaymentProviderService } | null = null

/**
 * The sandbox provider over the app's database, for the pre-order pivot. It is the same provider
 * class the payment module runs (same gateway tables, same idempotency keys), called without the
 * module's session bookkeeping, which is what made the pivot slow.
 */
export function sandboxProvider(container: MedusaContainer): SandboxPaymentProviderService {
  const db = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  if (cached?.db !== db) {
    const cradle = { [ContainerRegistrationKeys.PG_CONNECTION]: db, logger: container.resolve(ContainerRegistrationKeys.LOGGER) }
    cached = { db, provider: new SandboxPaymentProviderService(cradle, { webhook_secret: process.env.SANDBOX_WEBHOOK_SECRET }) }
  }
  return cached.provider
}

/** One payment collection per pre-order, with an id derived from it, so recording twice is impossible. */
export function preorderCollectionId(preorderId: string) {
  return `pay_col_${preorderId.replace(/^preord_/, "")}`
}

/** The idempotency key of a pre-order's provider calls, on either payment path. */
export const preorderChargeKey = (preorderId: string) => `${preorderId}:charge`

function paymentError(reason: string, message = `Payment failed: ${reason}`) {
  return new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, message, reason)
}

/**
 * Authorizes and captures at the provider in one call (automatic capture). Both calls are keyed by
 * the pre-order, so a rerun replays the first answer and money moves at most once. On a refusal the
 * charge is voided at the provider (a captured charge never is: that is the pivot).
 */
export async function chargeProvider(container: MedusaContainer, input: ChargeInput): Promise<Record<string, unknown>> {
  const provider = sandboxProvider(container)
  const context = { idempotency_key: preorderChargeKey(input.preorder_id) } as any
  const started = await provider.initiatePayment({
    amount: input.amount,
    currency_code: input.currency_code,
    data: { ...input.payment, country: input.country, saga_key: input.preorder_id, capture: "automatic" },
    context,
  })
  const data = started.data as Record<string, unknown>
  let status: string
  let answer: Record<string, unknown> = data
  try {
    const authorized = await provider.authorizePayment({ data, context })
    status = authorized.status
    answer = (authorized.data ?? data) as Record<string, unknown>
  } catch (error: any) {
    await provider.cancelPayment({ data, context }).catch(() => {})
    throw paymentError(isProviderTimeout(error) ? "timeout" : "payment_failed")
  }
  if (status === PaymentSessionStatus.CAPTURED) return answer
  await provider.cancelPayment({ data: answer, context }).catch(() => {})
  throw paymentError(status === PaymentSessionStatus.REQUIRES_MORE ? "authentication_required" : answer.decline_reason ? "declined" : "payment_failed")
}

/** The charge the pivot made for a pre-order, as the gateway holds it (null when none was made). */
export async function preorderCharge(container: MedusaContainer, preorderId: string) {
  const gateway = SandboxGateway.for(container.resolve(ContainerRegistrationKeys.PG_CONNECTION))
  return gateway.chargeFor(sagaChargeKey(preorderId))
}

/** The payment Medusa recorded with a capture on this collection, or null. */
export async function recordedPayment(container: MedusaContainer, collectionId: string) {
  const [payment] = await container
    .resolve(Modules.PAYMENT)
    .listPayments({ payment_collection_id: collectionId } as any, { relations: ["captures"], take: 1 })
  return payment?.captures?.length ? payment : null
}

/**
 * Writes what the provider captured into Medusa's payment records (collection, session, payment,
 * capture) in one transaction, links it to the order and stores it on the pre-order. Safe to run
 * again: the collection id comes from the pre-order, so a second run finds the first one's records.
 */
export async function recordCapture(
  container: MedusaContainer,
  input: { preorder_id: string; order_id: string; amount: number; currency_code: string; data: Record<string, unknown> }
) {
  const id = preorderCollectionId(input.preorder_id)
  const now = new Date()
  const money = { currency_code: input.currency_code, amount: input.amount }
  let paymentId = generateEntityId(undefined, "pay")
  try {
    await container.resolve(Modules.PAYMENT).createPaymentCollections([
      {
        id,
        ...money,
        status: "completed",
        authorized_amount: input.amount,
        captured_amount: input.amount,
        completed_at: now,
        payment_sessions: [
          {
            ...money,
            provider_id: SANDBOX_PROVIDER,
            data: input.data,
            status: "authorized",
            authorized_at: now,
            payment: {
              ...money,
              id: paymentId,
              payment_collection_id: id,
              provider_id: SANDBOX_PROVIDER,
              data: input.data,
              captured_at: now,
              captures: [{ amount: input.amount }],
            },
          },
        ],
      } as any,
    ])
  } catch (e: any) {
    // A rerun (or a concurrent run) wrote this pre-order's collection first: keep its records.
    if (!/unique|duplicate|already exists/i.test(`${e?.name} ${e?.message}`)) throw e
    const payment = await recordedPayment(container, id)
    if (!payment) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `No payment recorded for ${input.preorder_id}`)
    paymentId = payment.id
  }
  await container.resolve(ContainerRegistrationKeys.LINK).create({
    [Modules.ORDER]: { order_id: input.order_id },
    [Modules.PAYMENT]: { payment_collection_id: id },
  })
  return { payment_collection_id: id, payment_id: paymentId }
}
