"use client"

import { useEffect, useState } from "react"
import { useTranslations } from "next-intl"

/** Time left until a release, ticking each second; the server renders the date only (no hydration mismatch). */
export function Countdown({ releaseAt, fallback }: { releaseAt: string; fallback: string }) {
  const t = useTranslations("game")
  const target = new Date(releaseAt).getTime()
  const [now, setNow] = useState<number | null>(null)
  useEffect(() => {
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  if (now === null) return <span className="countdown">{fallback}</span>
  const left = Math.max(0, target - now)
  if (left === 0) return <span className="countdown">{t("outNow")}</span>
  const s = Math.floor(left / 1000)
  const parts = {
    days: Math.floor(s / 86400),
    hours: Math.floor((s % 86400) / 3600),
    minutes: Math.floor((s % 3600) / 60),
    seconds: String(s % 60).padStart(2, "0"),
  }
  return (
    <span className="countdown">
      <span className="countdown-label">{t("countdown")}</span>{" "}
      {/* The ticking value is not announced; screen readers get the release date. */}
      <span aria-hidden="true" className="countdown-value">{t("countdownValue", parts)}</span>
      <span className="sr-only">{fallback}</span>
    </span>
  )
}
