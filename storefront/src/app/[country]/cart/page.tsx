import type { Metadata } from "next"
import Link from "next/link"
import { getTranslations } from "next-intl/server"
import { Cover } from "@/components/Cover"
import { Price } from "@/components/Price"
import { SubmitButton } from "@/components/forms/SubmitButton"
import { addToCart, clearCart, removeFromCart } from "@/lib/actions/cart"
import { readCart, CART_MAX } from "@/lib/cart"
import { reasonText } from "@/lib/errors"
import { formatPrice } from "@/lib/format"
import { getSession } from "@/lib/session"
import { getShop } from "@/lib/shop"
import { getGameAs, ID_PATTERN } from "@/lib/store"
import type { GameDetail } from "@/lib/types"

type Props = { params: Promise<{ country: string }>; searchParams: Promise<{ add?: string; full?: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cart")
  return { title: t("title"), robots: { index: false } }
}

/** The cart: game ids in a cookie, priced here in the route's country; checkout buys them in one purchase. */
export default async function Cart({ params, searchParams }: Props) {
  const { country } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  const q = await searchParams
  const t = await getTranslations("cart")
  const tc = await getTranslations("common")
  const session = await getSession()
  const ids = await readCart()
  const load = async (id: string) => {
    try {
      return (await getGameAs(session?.token ?? null, id, c)).game
    } catch {
      return null
    }
  }
  const games = await Promise.all(ids.map(load))
  const adding = typeof q.add === "string" && ID_PATTERN.test(q.add) && !ids.includes(q.add) ? await load(q.add) : null
  const reasons = await Promise.all(games.map((g) => (g && session && !g.purchase.allowed && g.purchase.reason ? reasonText("purchaseReasons", g.purchase.reason) : "")))
  const priced = games.filter((g): g is GameDetail => !!g && !!g.price)
  const currency = priced[0]?.price?.currency_code ?? shop.country.currency
  const total = Math.round(priced.reduce((s, g) => s + (g.price?.amount ?? 0), 0) * 1e6) / 1e6
  const checkout = `/${c}/checkout?from=cart`
  const next = session ? checkout : `/${c}/sign-in?${new URLSearchParams({ next: checkout })}`

  return (
    <main id="main" className="page narrow cart-page">
      <h1>{t("title")}</h1>
      {q.full && <p className="notice notice-warn" role="alert">{t("full", { max: CART_MAX })}</p>}
      {adding && (
        <form action={addToCart} className="notice add-box">
          <input type="hidden" name="country" value={c} />
          <input type="hidden" name="game" value={adding.id} />
          <p>{t("addQuestion", { title: adding.title })}</p>
          <SubmitButton pendingLabel={tc("loading")}>{t("add")}</SubmitButton>
        </form>
      )}
      {!ids.length ? (
        <div className="empty-state">
          <p className="muted">{t("empty")}</p>
          <Link href={`/${c}/games`} className="btn btn-secondary">
            {t("browse")}
          </Link>
        </div>
      ) : (
        <>
          <ul className="line-items">
            {ids.map((id, i) => {
              const g = games[i]
              return (
                <li key={id} className="line-item">
                  <div className="line-cover">{g && <Cover title={g.title} image={g.thumbnail} variant="wide" idPrefix={`cart-${i}`} label={false} />}</div>
                  <div className="line-body">
                    {g ? (
                      <Link href={`/${c}/games/${g.handle}`} className="line-title">
                        {g.title}
                      </Link>
                    ) : (
                      <span className="line-title muted">{t("unavailable")}</span>
                    )}
                    {g && !g.released && <span className="chip">{tc("preorder")}</span>}
                    {reasons[i] && <p className="small warn-text">{reasons[i]}</p>}
                    {g && !g.service_countries.includes(c.toUpperCase()) && <p className="small warn-text">{tc("notSoldShort")}</p>}
                  </div>
                  <div className="line-price">
                    {g?.price ? (
                      <Price amount={g.price.amount} currency={g.price.currency_code} original={g.price.original_amount} intl={shop.intl} />
                    ) : (
                      <span className="muted">{tc("noPriceShort")}</span>
                    )}
                    <form action={removeFromCart}>
                      <input type="hidden" name="country" value={c} />
                      <input type="hidden" name="game" value={id} />
                      <SubmitButton pendingLabel={tc("loading")} className="btn-link">
                        {t("remove")}
                        <span className="sr-only"> {g?.title ?? ""}</span>
                      </SubmitButton>
                    </form>
                  </div>
                </li>
              )
            })}
          </ul>
          <div className="cart-summary">
            <p className="total-line">
              <span>{t("total", { count: priced.length })}</span>
              <strong>{formatPrice(total, currency, shop.intl)}</strong>
            </p>
            <p className="muted small">{t("totalNote")}</p>
            <div className="actions-left">
              <Link href={next} className="btn btn-primary btn-lg">
                {session ? t("checkout") : t("signInToCheckout")}
              </Link>
              <form action={clearCart}>
                <input type="hidden" name="country" value={c} />
                <SubmitButton pendingLabel={tc("loading")} className="btn btn-ghost">
                  {t("clear")}
                </SubmitButton>
              </form>
            </div>
          </div>
        </>
      )}
    </main>
  )
}
