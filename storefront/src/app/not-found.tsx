import Link from "next/link"
import { getTranslations } from "next-intl/server"
import { DEFAULT_COUNTRY } from "@/lib/i18n-config"

export default async function NotFound() {
  const t = await getTranslations("errors")
  return (
    <main id="main" className="page narrow state-page">
      <p className="state-code" aria-hidden="true">404</p>
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFoundBody")}</p>
      <p>
        <Link className="btn btn-primary" href={`/${DEFAULT_COUNTRY}`}>
          {t("backHome")}
        </Link>
      </p>
    </main>
  )
}
