import Link from "next/link"
import { getTranslations } from "next-intl/server"

/** A page that exists so links are not dead, until the real one is built. */
export async function Placeholder({ title, country, next }: { title: string; country: string; next?: string }) {
  const t = await getTranslations("placeholder")
  const back = next && next.startsWith(`/${country}/`) && !next.startsWith("//") ? next : null
  return (
    <main id="main" className="page narrow state-page">
      <h1>{title}</h1>
      <p>{t("body")}</p>
      <p className="actions">
        {back && (
          <Link href={back} className="btn btn-primary">
            {t("back")}
          </Link>
        )}
        <Link href={`/${country}`} className="btn btn-ghost">
          {t("home")}
        </Link>
      </p>
    </main>
  )
}
