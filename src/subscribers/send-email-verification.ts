import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { ACCOUNT_MODULE } from "../modules/account"
import type AccountModuleService from "../modules/account/service"
import { sendVerificationMail } from "../workflows/steps/email-verification"

/**
 * Every sign-up (our `POST /store/accounts` and Medusa's stock `POST /store/customers` both create
 * the customer through createCustomersWorkflow) gets the verification link mailed, unless the
 * address is already verified (the seed's players). Customers without an account (staff-made,
 * guests) get none: they cannot buy anyway.
 */
export default async function sendEmailVerificationHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const [customer] = await container
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: event.data.id }, { select: ["id", "email", "has_account"] })
  if (!customer?.has_account || !customer.email) return
  if (await container.resolve<AccountModuleService>(ACCOUNT_MODULE).isEmailVerified(customer.id)) return
  await sendVerificationMail(container, { id: customer.id, email: customer.email }, "signup")
}

export const config: SubscriberConfig = {
  event: "customer.created",
  context: { subscriberId: "send-email-verification" },
}
