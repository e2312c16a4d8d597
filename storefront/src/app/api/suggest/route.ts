import { NextResponse, type NextRequest } from "next/server"
import { suggestGames } from "@/lib/medusa"
import { findCountry } from "@/lib/regions"

/** Search suggestions for the header box: GET /store/search/suggest on the backend (prefixes, typos, ko/ja titles). */
export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get("q")?.trim().slice(0, 100) ?? ""
  const country = await findCountry(request.nextUrl.searchParams.get("country") ?? "")
  if (q.length < 2 || !country) return NextResponse.json({ games: [] })
  try {
    const { suggestions } = await suggestGames(q, country.code, 8)
    return NextResponse.json(
      {
        games: suggestions.map((s) => ({
          id: s.id,
          handle: s.handle,
          title: s.text,
          matches: s.matches,
          released: s.released,
          price: s.price,
        })),
      },
      { headers: { "cache-control": "private, max-age=30" } }
    )
  } catch {
    return NextResponse.json({ games: [] }, { status: 502 })
  }
}
