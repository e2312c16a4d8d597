/** Mails about gifts and friends' answers. Messages are plain text: a player's words are never markup. */
export type GiftTemplate =
  | "gift-purchased"
  | "gift-received"
  | "gift-delivered"
  | "gift-accepted"
  | "gift-declined"
  | "gift-expired"
  | "gift-cancelled"
  | "gift-refused"

const when = (iso: string, zone?: string | null) => {
  try {
    // dateStyle cannot be combined with timeZoneName, which the reader needs: the parts are spelled out.
    return new Date(iso).toLocaleString("en-GB", {
      timeZone: zone || "UTC",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    })
  } catch {
    return new Date(iso).toUTCString()
  }
}

/** The delivery time in the recipient's zone too, when it is another. */
const theirTime = (d: Record<string, any>) =>
  d.recipient_time_zone && d.recipient_time_zone !== (d.time_zone || "UTC") ? ` (${when(d.deliver_at, d.recipient_time_zone)} for them)` : ""

const quoted = (message?: string) => (message ? `Their message:\n\n${message.split("\n").map((l) => `> ${l}`).join("\n")}\n` : "")

export function renderGiftMail(template: GiftTemplate, d: Record<string, any>) {
  switch (template) {
    case "gift-purchased":
      return {
        subject: `Your gift of ${d.title} to ${d.recipient_name} is paid`,
        text: d.send_now
          ? `${d.recipient_name} receives ${d.title} now.`
          : `${d.recipient_name} receives ${d.title} on ${when(d.deliver_at, d.time_zone)}${theirTime(d)}. You can cancel it until then.`,
      }
    case "gift-received":
      return {
        subject: `${d.sender_name} sent you ${d.title}`,
        text: [
          `${d.sender_name} sent you ${d.title} as a gift.`,
          quoted(d.message),
          `Accept or decline it here: ${d.url}`,
          `Unanswered by ${when(d.expires_at)}, it goes back to ${d.sender_name}.`,
        ].filter(Boolean).join("\n"),
      }
    case "gift-delivered":
      return { subject: `${d.recipient_name} received your gift`, text: `${d.title} reached ${d.recipient_name}'s gift inbox.` }
    case "gift-accepted":
      return { subject: `${d.recipient_name} accepted your gift`, text: `${d.title} is in ${d.recipient_name}'s library now.` }
    case "gift-declined":
      return d.to_sender
        ? { subject: `${d.recipient_name} declined your gift`, text: `${d.recipient_name} declined ${d.title}. Your payment and points are being refunded.` }
        : { subject: `You declined ${d.title}`, text: `${d.sender_name} is refunded.` }
    case "gift-expired":
      return d.to_sender
        ? { subject: `Your gift of ${d.title} was not accepted`, text: `${d.recipient_name} did not answer within 30 days: your payment and points are being refunded.` }
        : { subject: `Your gift of ${d.title} expired`, text: `You did not answer within 30 days, so ${d.sender_name} was refunded.` }
    case "gift-cancelled":
      return { subject: `Your gift of ${d.title} is cancelled`, text: `It will not be delivered. Your payment and points are being refunded.` }
    case "gift-refused":
      return {
        subject: `${d.title} could not be accepted`,
        text: d.to_sender
          ? `${d.recipient_name} owns ${d.title} already: your payment and points are being refunded.`
          : `You own ${d.title} already, so the gift went back to ${d.sender_name}.`,
      }
  }
}
