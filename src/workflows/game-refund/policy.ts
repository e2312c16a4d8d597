/** Refund policy: pre-orders any time before release; released games within 14 days and under 2 hours of play. */
export const REFUND_WINDOW_DAYS = 14
export const REFUND_MAX_PLAY_MINUTES = 120

export type RefundDecision = { allowed: boolean; reason: string | null }

export function refundDecision(input: {
  release_at: Date | string
  purchased_at: Date | string
  play_minutes: number
  now?: Date
}): RefundDecision {
  const now = input.now ?? new Date()
  const release = new Date(input.release_at)
  if (release > now) return { allowed: true, reason: null }
  const start = Math.max(release.getTime(), new Date(input.purchased_at).getTime())
  if (now.getTime() - start > REFUND_WINDOW_DAYS * 86400e3) return { allowed: false, reason: "refund_window_closed" }
  if (input.play_minutes >= REFUND_MAX_PLAY_MINUTES) return { allowed: false, reason: "played_too_long" }
  return { allowed: true, reason: null }
}
