/** Mails between players about friendship. Names are the players' own text: plain, never markup. */
export type FriendTemplate = "friend-request" | "friend-invite" | "friend-accepted"

export function renderFriendMail(template: FriendTemplate, d: Record<string, any>) {
  switch (template) {
    case "friend-request":
      return { subject: `${d.from_name} wants to be your friend`, text: `${d.from_name} (@${d.from_handle}) sent you a friend request. Answer it here: ${d.url}` }
    case "friend-invite":
      return {
        subject: `${d.from_name} invites you to kstore`,
        text: `${d.from_name} (@${d.from_handle}) would like to be your friend on kstore. Sign up with this address and the request will be waiting: ${d.url}`,
      }
    case "friend-accepted":
      return { subject: `${d.friend_name} accepted your friend request`, text: `You and ${d.friend_name} (@${d.friend_handle}) are friends now.` }
  }
}
