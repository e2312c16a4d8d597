import { GiftTemplate, renderGiftMail } from "./gift-templates"
import { FriendTemplate, renderFriendMail } from "./friend-templates"

/** Plain mail templates: every mail is stored by the notification module with its rendered text. */
export type MailTemplate =
  | GiftTemplate
  | FriendTemplate
  | "refund-failed"
  | "game-released"
  | "purchase-confirmed"
  | "purchase-failed"
  | "games-refunded"
  | "purchase-awaiting-payment"
  | "email-verification"
  | "new-release"

// Building a formatter costs far more than using one; a store has a handful of currencies.
const formatters = new Map<string, Intl.NumberFormat>()
function money(amount: number, currency: string) {
  const code = currency.toUpperCase()
  let format = formatters.get(code)
  if (!format) formatters.set(code, (format = new Intl.NumberFormat("en", { style: "currency", currency: code })))
  return format.format(amount)
}

const titles = (games: { title: string }[] = []) => games.map((g) => g.title).join(", ")

export function renderMail(template: MailTemplate, data: Record<string, any>): { subject: string; text: string } {
  if (template.startsWith("gift-")) return renderGiftMail(template as GiftTemplate, data)
  if (template.startsWith("friend-")) return renderFriendMail(template as FriendTemplate, data)
  switch (template) {
    case "new-release":
      return {
        subject: data.preorder ? `Pre-order open: ${data.title}` : `New on kstore: ${data.title}`,
        text: [
          `${data.title} is ${data.preorder ? `up for pre-order, out ${new Date(data.release_at).toUTCString()}` : "out now"}.`,
          data.reason,
          data.url,
          `No more mails like this one: ${data.unsubscribe_url}`,
        ]
          .filter(Boolean)
          .join("\n"),
      }
    case "email-verification":
      return {
        subject: "Confirm your email address",
        text: [
          `Welcome to kstore! Confirm that ${data.email} is your address to buy games:`,
          data.url,
          `The link is valid until ${new Date(data.expires_at).toUTCString()}. If you did not sign up, ignore this mail.`,
        ].join("\n"),
      }
    case "purchase-confirmed":
      return {
        subject: `Thanks for your purchase: ${titles(data.games)}`,
        text: [
          `Order ${data.order_id}: ${titles(data.games)}.`,
          `Paid: ${money(data.cash_amount, data.currency_code)}${data.points_used ? ` + ${data.points_used} points` : ""}.`,
          data.points_earned ? `You earned ${data.points_earned} points.` : "",
          ...(data.games ?? []).map((g: any) =>
            g.preorder
              ? `${g.title} is pre-ordered: it downloads from your library on ${new Date(g.release_at).toUTCString()}, and you can request a refund any time before.`
              : `${g.title} is in your library, ready to download.`
          ),
        ]
          .filter(Boolean)
          .join("\n"),
      }
    case "purchase-awaiting-payment":
      return {
        subject: `Complete your payment for ${titles(data.games)}`,
        text: [
          `Your order ${data.order_id} of ${titles(data.games)} is reserved. Pay ${money(data.cash_amount, data.currency_code)} by ${new Date(data.due_at).toUTCString()} to confirm it.`,
          data.instructions?.payment_number ? `Konbini payment number: ${data.instructions.payment_number}` : "",
          data.instructions?.copy_paste_code ? `Pix code: ${data.instructions.copy_paste_code}` : "",
          data.instructions?.mandate_reference ? `SEPA mandate: ${data.instructions.mandate_reference}` : "",
          data.instructions?.note ?? "",
        ]
          .filter(Boolean)
          .join("\n"),
      }
    case "games-refunded":
      return {
        subject: `Refund of ${titles(data.games)}`,
        text: [
          data.gift
            ? `Your gift of ${titles(data.games)} is refunded: ${money(data.refund_amount, data.currency_code)} is on its way back to you.`
            : `${titles(data.games)} left your library and ${money(data.refund_amount, data.currency_code)} is on its way back to you.`,
          data.points_restored ? `${data.points_restored} points you spent are back.` : "",
          data.points_clawed_back ? `${data.points_clawed_back} points the purchase earned were taken back.` : "",
        ]
          .filter(Boolean)
          .join("\n"),
      }
    case "purchase-failed":
      return {
        subject: `Your purchase of ${titles(data.games)} did not go through`,
        text: `We could not complete your purchase (${data.reason}). Nothing was charged and your points are back.`,
      }
    case "game-released":
      return {
        subject: `${data.title} is out: download it now`,
        text: `Release day! ${data.title} is in your library and ready to download.`,
      }
    case "refund-failed":
      return {
        subject: `We could not refund ${data.title} yet`,
        text: `The payment provider did not accept the refund (${data.reason}). We keep trying and our staff has been alerted.`,
      }
    default:
      throw new Error(`Unknown mail template '${template}'`)
  }
}
