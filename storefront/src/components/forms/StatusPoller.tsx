"use client"

import { useEffect, useRef, useState } from "react"
import { useRouter } from "next/navigation"
import { useTranslations } from "next-intl"

/**
 * Follows a purchase / refund / gift on /api/poll: a long poll (`wait`) while the API holds it,
 * else a check every few seconds; when the status changes the server page renders again.
 */
export function StatusPoller({
  kind,
  id,
  status,
  longPoll,
  intervalMs = 5000,
}: {
  kind: "purchase" | "refund" | "gift"
  id: string
  status: string
  /** true while the API's ?wait holds the answer (pending purchase, refunding refund) */
  longPoll: boolean
  intervalMs?: number
}) {
  const router = useRouter()
  const t = useTranslations("status")
  const [trouble, setTrouble] = useState(false)
  const current = useRef(status)
  current.current = status

  useEffect(() => {
    let stopped = false
    const controller = new AbortController()
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
    ;(async () => {
      let failures = 0
      while (!stopped) {
        try {
          const wait = longPoll ? 15 : 0
          const res = await fetch(`/api/poll?${new URLSearchParams({ kind, id, wait: String(wait) })}`, {
            cache: "no-store",
            signal: controller.signal,
          })
          if (!res.ok) throw new Error(String(res.status))
          const body = (await res.json()) as { status?: string }
          failures = 0
          setTrouble(false)
          if (body.status && body.status !== current.current) {
            router.refresh()
            return
          }
          if (!longPoll) await sleep(intervalMs)
        } catch {
          if (stopped) return
          failures++
          if (failures >= 3) setTrouble(true)
          await sleep(Math.min(30_000, 2000 * failures))
        }
      }
    })()
    return () => {
      stopped = true
      controller.abort()
    }
  }, [kind, id, longPoll, intervalMs, router])

  return (
    <p className="muted small" role="status" aria-live="polite">
      {trouble ? t("trouble") : t("following")}
    </p>
  )
}
