import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { PREORDER_MODULE } from "../../modules/preorder"
import type PreorderModuleService from "../../modules/preorder/service"
import { preorderCheckoutWorkflow } from "./preorder-checkout"
import { PreorderRequest, quotePreorder } from "./steps/validate-preorder"
import { settlePreorderFailure } from "../recovery/settle-failure"

export type StartPreorderInput = PreorderRequest & { idempotency_key: string }

/**
 * Accepts a pre-order: validates it now (bad input is a 4xx, nothing written), records it once per
 * idempotency key, and runs the saga in the background. Returns the record and whether it is new.
 */
export async function startPreorder(container: MedusaContainer, input: StartPreorderInput) {
  const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
  const find = async () =>
    (await preorders.listPreorders({ customer_id: input.customer_id, idempotency_key: input.idempotency_key }, { take: 1 }))[0]
  const existing = await find()
  if (existing) return { preorder: existing, created: false }

  const quote = await quotePreorder(container, input)
  let record
  try {
    record = await preorders.createPreorders({
      customer_id: input.customer_id,
      game_id: quote.game_id,
      variant_id: quote.variant_id,
      region_id: quote.region_id,
      currency_code: quote.currency_code,
      idempotency_key: input.idempotency_key,
      total: quote.total,
      points_used: quote.points_used,
      cash_amount: quote.cash_amount,
      payment_method: quote.payment_method,
      quote,
    })
  } catch (e: any) {
    const raced = await find()
    if (raced) return { preorder: raced, created: false }
    // Only the live-pre-order unique index means "already owned"; anything else is a real error.
    if (!/unique|duplicate/i.test(`${e?.name} ${e?.message}`)) throw e
    throw new MedusaError(MedusaError.Types.CONFLICT, "A pre-order of this game is already in progress or complete", "already_owned")
  }
  const run = preorderCheckoutWorkflow(container)
    .run({
      // The quote's payment: the account masked, so the workflow's stored input holds no card number.
      input: { preorder_id: record.id, quote, payment: quote.payment },
      throwOnError: false,
    })
    .then(({ errors }) => (errors.length ? settlePreorderFailure(container, record.id, errors[0].error) : null))
    .catch((e) => settlePreorderFailure(container, record.id, e))
    // Could not settle now (e.g. the lock was busy): the recovery job drives it later.
    .catch(() => {})
  return { preorder: record, created: true, settled: run }
}
