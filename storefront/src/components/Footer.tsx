import { getTranslations } from "next-intl/server"
import { countryName } from "@/lib/format"
import type { Shop } from "@/lib/shop"

export async function Footer({ shop }: { shop: Shop }) {
  const t = await getTranslations()
  return (
    <footer className="site-footer">
      <div className="footer-inner">
        <p className="footer-brand">
          <strong>{t("common.brand")}</strong> — {t("common.tagline")}
        </p>
        <p>{t("footer.region", { country: countryName(shop.country.code, shop.locale) })} · {t("prefs.currencyNote", { currency: shop.country.currency.toUpperCase() })}</p>
        <p className="muted">{t("footer.note")}</p>
      </div>
    </footer>
  )
}
