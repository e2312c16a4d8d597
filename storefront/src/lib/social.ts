import { api } from "./api"

/** Friends, gifts and notifications of the signed-in player, as the Store API answers them. */

export type Player = { customer_id: string; handle: string | null; display_name: string | null }
export type Friend = Player & { since: string }
export type FriendRequests = {
  incoming: { id: string; from: Player; since: string }[]
  outgoing: { id: string; to: Player | { email: string }; since: string }[]
}

export type GiftState = "paying" | "failed" | "scheduled" | "delivered" | "accepted" | "declined" | "expired" | "cancelled" | "refunded"
export type GiftView = {
  id: string
  box: "sent" | "received"
  state: GiftState
  game: { id: string; title: string }
  sender: Player | null
  recipient: Player | null
  message: string
  delivered_at: string | null
  expires_at: string | null
  answered_at: string | null
  refunded_at: string | null
  refund_reason: string | null
  // The sender's side only:
  purchase_id?: string | null
  deliver_at?: string | null
  time_zone?: string | null
  recipient_time_zone?: string | null
  currency_code?: string
  amount?: number
  cash_amount?: number
  points_used?: number
  failure_reason?: string | null
  bought_at?: string | null
  created_at?: string
  history?: { from: string | null; to: string; cause: string | null; at: string }[]
}

export type Recipient = Player & { time_zone: string; giftable: boolean; reason: string | null }
export type Notice = { id: string; template: string; subject: string | null; created_at: string; unread: boolean }
export type Notices = { notifications: Notice[]; count: number; unread: number; seen_at: string | null }

export const getFriends = (token: string) => api<{ friends: Friend[] }>("/store/friends", { token })
export const getFriendRequests = (token: string) => api<FriendRequests>("/store/friends/requests", { token })
export const getBlocks = (token: string) => api<{ blocks: Friend[] }>("/store/friends/blocks", { token })
export const getGifts = (token: string, box: "sent" | "received", limit = 50) =>
  api<{ gifts: GiftView[]; count: number }>("/store/gifts", { token, query: { box, limit } })
export const getGiftView = (token: string, id: string) => api<{ gift: GiftView }>(`/store/gifts/${encodeURIComponent(id)}`, { token })
export const getGiftRecipients = (token: string, gameId: string) =>
  api<{ game: { id: string; title: string }; recipients: Recipient[] }>(`/store/games/${encodeURIComponent(gameId)}/gift-recipients`, { token })
export const getNotifications = (token: string, limit = 50, offset = 0) =>
  api<Notices>("/store/notifications", { token, query: { limit, offset } })

/** A player as a line: their display name and @handle (an invitation by email has only that). */
export const playerName = (p: Player | { email: string } | null | undefined) =>
  !p ? "—" : "email" in p ? p.email : p.display_name ? `${p.display_name} (@${p.handle ?? "?"})` : `@${p.handle ?? "?"}`
