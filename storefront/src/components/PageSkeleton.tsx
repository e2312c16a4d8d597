import { getTranslations } from "next-intl/server"

/** What a list page shows while its games load: a spoken "loading" and grey cards. */
export async function PageSkeleton() {
  const t = await getTranslations("common")
  return (
    <main id="main" className="page" aria-busy="true">
      <p className="sr-only" role="status">
        {t("loading")}
      </p>
      <div className="skeleton-hero" aria-hidden="true" />
      <div className="row skeleton-row" aria-hidden="true">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="skeleton-card" />
        ))}
      </div>
    </main>
  )
}
