import { Suspense } from "react"
import { getTranslations } from "next-intl/server"
import { LOCALES, type Locale } from "@/lib/i18n-config"
import { countryName } from "@/lib/format"
import type { Shop } from "@/lib/shop"
import type { Country } from "@/lib/types"
import { CurrentPath } from "./CurrentPath"

/**
 * Country and language switcher: a disclosure with a plain form posted to /api/prefs, which sets
 * the cookies and sends the visitor to the same page in the chosen country. Works without JS.
 */
export async function PrefsMenu({ shop, countries, chosenLocale }: { shop: Shop; countries: Country[]; chosenLocale: Locale | null }) {
  const t = await getTranslations()
  const here = countryName(shop.country.code, shop.locale)
  return (
    <details className="prefs">
      <summary aria-label={t("prefs.open")}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.8" />
          <path d="M3 12h18M12 3c3 3.2 3 14.8 0 18M12 3c-3 3.2-3 14.8 0 18" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
        <span className="prefs-current">
          {shop.country.code.toUpperCase()} · {shop.country.currency.toUpperCase()}
        </span>
      </summary>
      <form action="/api/prefs" method="post" className="prefs-panel">
        <Suspense fallback={null}>
          <CurrentPath />
        </Suspense>
        <label>
          <span>{t("prefs.country")}</span>
          <select name="country" defaultValue={shop.country.code}>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {countryName(c.code, shop.locale)} ({c.currency.toUpperCase()})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("prefs.language")}</span>
          <select name="locale" defaultValue={chosenLocale ?? ""}>
            <option value="">{t("prefs.auto")}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <p className="prefs-note">{t("footer.region", { country: here })}</p>
        <button type="submit" className="btn btn-primary">
          {t("prefs.apply")}
        </button>
      </form>
    </details>
  )
}
