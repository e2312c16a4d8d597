import { getTranslations } from "next-intl/server"
import { discountPercent, formatDate, formatPrice } from "@/lib/format"

type Props = {
  amount: number
  currency: string
  intl: string
  original?: number | null
  endsAt?: string | null
  size?: "sm" | "lg"
}

/** A price in the shop's currency; a discount shows the original price, the percent and (when known) the end date. */
export async function Price({ amount, currency, intl, original, endsAt, size = "sm" }: Props) {
  const t = await getTranslations()
  const percent = original != null ? discountPercent(amount, original) : 0
  const now = amount === 0 ? t("common.free") : formatPrice(amount, currency, intl)
  return (
    <span className={`price price-${size}`}>
      {percent > 0 && (
        <span className="price-badge" aria-hidden="true">
          {t("game.discount", { percent })}
        </span>
      )}
      {percent > 0 && (
        <s className="price-was">
          <span className="sr-only">{t("game.originalPrice")}: </span>
          {formatPrice(original!, currency, intl)}
        </s>
      )}
      <span className="price-now">
        {percent > 0 && <span className="sr-only">{t("game.salePrice")}: </span>}
        {now}
      </span>
      {percent > 0 && endsAt && (
        <span className="price-ends">{t("game.offerEnds", { date: formatDate(endsAt, intl, { dateStyle: "medium", timeStyle: "short" }) })}</span>
      )}
    </span>
  )
}
