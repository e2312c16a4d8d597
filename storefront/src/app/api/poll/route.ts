import { NextResponse, type NextRequest } from "next/server"
import { ApiError } from "@/lib/api"
import { getToken } from "@/lib/session"
import { getGift, getPurchase, getRefund, ID_PATTERN } from "@/lib/store"

/**
 * The status of one of the player's purchases, refunds or gifts, for the pages that follow one
 * (GET /store/purchases/:id?wait=N, GET /store/refunds/:id?wait=N, GET /store/gifts/:id).
 * Answers only `{ status }`: the page re-renders on the server when it changes.
 */
export async function GET(request: NextRequest) {
  const kind = request.nextUrl.searchParams.get("kind")
  const id = request.nextUrl.searchParams.get("id") ?? ""
  const wait = Math.min(15, Math.max(0, Number(request.nextUrl.searchParams.get("wait")) || 0))
  const token = await getToken()
  const headers = { "cache-control": "private, no-store" }
  if (!token) return NextResponse.json({ error: "signed_out" }, { status: 401, headers })
  if (!ID_PATTERN.test(id)) return NextResponse.json({ error: "not_found" }, { status: 404, headers })
  try {
    let status: string
    if (kind === "purchase") status = (await getPurchase(token, id, wait)).purchase.status
    else if (kind === "refund") status = (await getRefund(token, id, wait)).refund.status
    else if (kind === "gift") status = (await getGift(token, id)).gift.state
    else return NextResponse.json({ error: "bad_request" }, { status: 400, headers })
    return NextResponse.json({ status }, { headers })
  } catch (error) {
    const status = error instanceof ApiError && error.status >= 400 ? error.status : 502
    return NextResponse.json({ error: "unavailable" }, { status, headers })
  }
}
