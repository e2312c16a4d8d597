import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { FRIENDS_MODULE } from "../modules/friends"
import type FriendsModuleService from "../modules/friends/service"
import { inviteAttachedNotice } from "../workflows/friends/mails"

/**
 * Someone invited by email signs up with it (either sign-up route): the invitations become
 * requests in their store, each with its in-app notice (the invitation mail reached them already).
 */
export default async function attachFriendInvites({ event, container }: SubscriberArgs<{ id: string }>) {
  const [customer] = await container.resolve(Modules.CUSTOMER).listCustomers({ id: event.data.id }, { select: ["id", "email", "has_account"], take: 1 })
  if (!customer?.email || !customer.has_account) return
  const attached = await container.resolve<FriendsModuleService>(FRIENDS_MODULE).attachInvites(customer.id, customer.email)
  for (const request of attached) await inviteAttachedNotice(container, customer.id, request)
}

export const config: SubscriberConfig = { event: "customer.created", context: { subscriberId: "attach-friend-invites" } }
