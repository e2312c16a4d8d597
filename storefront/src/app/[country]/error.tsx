"use client"

import { useEffect } from "react"
import { useTranslations } from "next-intl"

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors")
  useEffect(() => {
    console.error(error)
  }, [error])
  return (
    <main id="main" className="page narrow state-page">
      <p className="state-code" aria-hidden="true">!</p>
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      {error.digest && <p className="muted small">ref: {error.digest}</p>}
      <p className="actions">
        <button type="button" className="btn btn-primary" onClick={() => reset()}>
          {t("retry")}
        </button>
      </p>
    </main>
  )
}
