import type { MedusaContainer } from "@medusajs/framework/types"
import { isProviderTimeout } from "../../modules/sandbox-payment/service"
import { PURCHASE_MODULE } from "../../modules/purchase"
import type PurchaseModuleService from "../../modules/purchase/service"

/** The reason a failed run's error gives, when it tells more than the payment session does. */
function reasonOf(error: any): string | null {
  if (isProviderTimeout(error)) return "timeout"
  const code = error?.code
  if (["insufficient_points", "already_owned", "country_not_served", "not_released", "wrong_region", "injected_failure", "timeout"].includes(code)) {
    return code
  }
  if (error?.type === "payment_requires_more_error") return "authentication_required"
  return null
}

/**
 * After a run in this process: an undone purchase is marked failed by its own compensation; the
 * error of the run can name the reason more precisely (a provider timeout leaves the session as it
 * was), so it is written on top.
 */
export async function settlePurchaseRun(container: MedusaContainer, purchaseId: string, errors: { error: any }[] = []) {
  if (!errors.length) return
  const reason = reasonOf(errors[0].error)
  if (!reason) return
  const purchases = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
  const purchase = await purchases.retrievePurchase(purchaseId, { select: ["id", "status", "failure_reason"] })
  if (purchase.status === "failed" && purchase.failure_reason !== reason) {
    await purchases.patch(purchaseId, { failure_reason: reason, failure_message: String(errors[0].error?.message ?? "") })
  }
}
