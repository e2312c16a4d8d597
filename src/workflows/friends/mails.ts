import type { MedusaContainer } from "@medusajs/framework/types"
import { storefrontLink } from "../../modules/mail/links"
import { notifyInApp, sendMail } from "../steps/send-mail"
import { partiesOf } from "../gift/parties"

/**
 * The invitee hears of a request: a player by mail and in the store, an address nobody signed up
 * with by a mail inviting them to sign up with it. Keyed by the request, so a retry sends nothing.
 */
export async function friendRequestMail(container: MedusaContainer, request: { id: string; from_customer_id: string; to_customer_id: string | null; to_email: string | null }) {
  const people = await partiesOf(container, [request.from_customer_id, ...(request.to_customer_id ? [request.to_customer_id] : [])])
  const sender = people.get(request.from_customer_id)
  const invitee = request.to_customer_id ? people.get(request.to_customer_id) : undefined
  const to = invitee?.email ?? request.to_email
  if (!to) return
  await sendMail(container, {
    to,
    customer_id: invitee?.customer_id,
    template: invitee ? "friend-request" : "friend-invite",
    idempotency_key: `friend-request:${request.id}`,
    data: { request_id: request.id, from_name: sender?.name, from_handle: sender?.handle, url: storefrontLink(invitee ? "/account/friends" : "/account/sign-up") },
  })
}

/** An invitation became a request on sign-up: the new player sees it in the store (they got the mail already). */
export async function inviteAttachedNotice(container: MedusaContainer, customerId: string, request: { id: string; from_customer_id: string }) {
  const sender = (await partiesOf(container, [request.from_customer_id])).get(request.from_customer_id)
  await notifyInApp(container, {
    customer_id: customerId,
    template: "friend-request",
    data: { request_id: request.id, from_name: sender?.name, from_handle: sender?.handle, url: storefrontLink("/account/friends") },
    idempotency_key: `friend-invite-attached:${request.id}`,
  })
}

/** The requester learns their request was accepted (in the store and by mail). */
export async function friendAcceptedMail(container: MedusaContainer, friendshipId: string, requester: string, accepter: string) {
  const people = await partiesOf(container, [requester, accepter])
  const email = people.get(requester)?.email
  const data = { friend_name: people.get(accepter)?.name, friend_handle: people.get(accepter)?.handle, url: storefrontLink("/account/friends") }
  const idempotency_key = `friend-accepted:${friendshipId}`
  if (email) await sendMail(container, { to: email, customer_id: requester, template: "friend-accepted", idempotency_key, data })
  else await notifyInApp(container, { customer_id: requester, template: "friend-accepted", data, idempotency_key })
}
