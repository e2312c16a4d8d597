import Link from "next/link"
import { getTranslations } from "next-intl/server"

type Props = { page: number; pages: number; hrefFor: (page: number) => string }

export async function Pagination({ page, pages, hrefFor }: Props) {
  const t = await getTranslations("browse")
  if (pages <= 1) return null
  const around = [page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pages)
  const shown = Array.from(new Set([1, ...around, pages])).sort((a, b) => a - b)
  return (
    <nav className="pagination" aria-label={t("pagination")}>
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev" className="page-step">
          ← {t("prev")}
        </Link>
      ) : (
        <span className="page-step disabled" aria-hidden="true">← {t("prev")}</span>
      )}
      <ol>
        {shown.map((p, i) => (
          <li key={p}>
            {i > 0 && shown[i - 1] !== p - 1 && <span className="page-gap" aria-hidden="true">…</span>}
            {p === page ? (
              <span aria-current="page" className="page-num current">{p}</span>
            ) : (
              <Link href={hrefFor(p)} className="page-num" aria-label={t("page", { page: p, pages })}>
                {p}
              </Link>
            )}
          </li>
        ))}
      </ol>
      {page < pages ? (
        <Link href={hrefFor(page + 1)} rel="next" className="page-step">
          {t("next")} →
        </Link>
      ) : (
        <span className="page-step disabled" aria-hidden="true">{t("next")} →</span>
      )}
    </nav>
  )
}
