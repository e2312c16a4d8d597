import { ImageResponse } from "next/og"
import { coverArt } from "@/lib/cover"
import { formatPrice } from "@/lib/format"
import { getGame, isNotFound } from "@/lib/medusa"
import { findCountry } from "@/lib/regions"

/** The Open Graph / Twitter image of a game: its generated cover art with title and price, 1200×630 PNG. */
export async function GET(_request: Request, { params }: { params: Promise<{ country: string; id: string }> }) {
  const { country: code, id } = await params
  const country = await findCountry(code)
  if (!country || !/^[\w-]{1,200}$/.test(id)) return new Response("Not found", { status: 404 })
  let game
  try {
    game = (await getGame(id, country.code)).game
  } catch (error) {
    return new Response(isNotFound(error) ? "Not found" : "Unavailable", { status: isNotFound(error) ? 404 : 502 })
  }
  const art = coverArt(game.title)
  // The bundled font is Latin only: show the currency as a code ("20,000 KRW" rather than "₩20,000").
  const soldHere = game.service_countries.includes(country.code.toUpperCase())
  const price = game.price && soldHere
    ? formatPrice(game.price.amount, game.price.currency_code, `en-${country.code.toUpperCase()}`).replace(/[^\d.,\s]/g, "").trim() +
      ` ${game.price.currency_code.toUpperCase()}`
    : null
  return new ImageResponse(
    (
      <div
        style={{
          width: "100%",
          height: "100%",
          display: "flex",
          flexDirection: "column",
          justifyContent: "space-between",
          padding: 64,
          color: "white",
          backgroundImage: `linear-gradient(${art.angle + 90}deg, ${art.from}, ${art.to})`,
          fontFamily: "sans-serif",
        }}
      >
        <div style={{ display: "flex", alignItems: "center", fontSize: 34, fontWeight: 700, opacity: 0.9 }}>kstore</div>
        <div style={{ display: "flex", alignItems: "center" }}>
          <div
            style={{
              display: "flex",
              width: 220,
              height: 220,
              borderRadius: 36,
              alignItems: "center",
              justifyContent: "center",
              fontSize: 110,
              fontWeight: 800,
              background: "rgba(0,0,0,0.28)",
              border: `4px solid ${art.accent}`,
              marginRight: 48,
            }}
          >
            {art.initials}
          </div>
          <div style={{ display: "flex", flexDirection: "column", maxWidth: 800 }}>
            <div style={{ fontSize: game.title.length > 30 ? 60 : 76, fontWeight: 800, lineHeight: 1.05 }}>{game.title}</div>
            <div style={{ fontSize: 32, marginTop: 18, opacity: 0.85 }}>{game.developer}</div>
          </div>
        </div>
        <div style={{ display: "flex", justifyContent: "space-between", fontSize: 40, fontWeight: 700 }}>
          <div style={{ display: "flex" }}>{game.released ? "" : `Coming ${game.release_at.slice(0, 10)}`}</div>
          <div style={{ display: "flex" }}>{price ?? ""}</div>
        </div>
      </div>
    ),
    { width: 1200, height: 630, headers: { "cache-control": "public, max-age=3600" } }
  )
}
