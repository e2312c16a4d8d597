import { getTranslations } from "next-intl/server"
import { CountryHomeLink } from "@/components/CountryHomeLink"

export default async function NotFound() {
  const t = await getTranslations("errors")
  return (
    <main id="main" className="page narrow state-page">
      <p className="state-code" aria-hidden="true">404</p>
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFoundBody")}</p>
      <p>
        <CountryHomeLink className="btn btn-primary">{t("backHome")}</CountryHomeLink>
      </p>
    </main>
  )
}
