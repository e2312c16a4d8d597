import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { FRIENDS_MODULE } from "../modules/friends"
import type FriendsModuleService from "../modules/friends/service"
import { notifyInApp } from "../workflows/steps/send-mail"

/** Someone invited by email signs up with it: the invitations become requests in their store. */
export default async function attachFriendInvites({ event, container }: SubscriberArgs<{ id: string }>) {
  const [customer] = await container.resolve(Modules.CUSTOMER).listCustomers({ id: event.data.id }, { select: ["id", "email", "has_account"], take: 1 })
  if (!customer?.email || !customer.has_account) return
  const attached = await container.resolve<FriendsModuleService>(FRIENDS_MODULE).attachInvites(customer.id, customer.email)
  for (const request of attached) {
    await notifyInApp(container, { customer_id: customer.id, template: "friend-request", data: { request_id: request.id }, idempotency_key: `friend-invite-attached:${request.id}` })
  }
}

export const config: SubscriberConfig = { event: "customer.created" }
