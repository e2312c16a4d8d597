import { NextResponse, type NextRequest } from "next/server"
import { listGames } from "@/lib/medusa"
import { findCountry } from "@/lib/regions"

/** Search suggestions for the header box: GET /store/games?q= on the backend, trimmed to what the list shows. */
export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get("q")?.trim().slice(0, 100) ?? ""
  const country = await findCountry(request.nextUrl.searchParams.get("country") ?? "")
  if (q.length < 2 || !country) return NextResponse.json({ games: [] })
  try {
    const { games } = await listGames({ q, country_code: country.code, order: "title", limit: 8 })
    return NextResponse.json(
      {
        games: games.map((g) => ({
          id: g.id,
          handle: g.handle,
          title: g.title,
          released: g.released,
          price: g.service_countries.includes(country.code.toUpperCase()) ? g.price : null,
        })),
      },
      { headers: { "cache-control": "private, max-age=30" } }
    )
  } catch {
    return NextResponse.json({ games: [] }, { status: 502 })
  }
}
