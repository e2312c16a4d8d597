"use client"

// Last resort when the root layout itself fails: no messages are loaded here, so all three languages.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ background: "#0b0d13", color: "#e9ecf5", fontFamily: "system-ui, sans-serif", textAlign: "center", padding: "72px 20px" }}>
        <main>
          <h1>Something went wrong</h1>
          <p lang="ko">문제가 발생했습니다</p>
          <p lang="ja">問題が発生しました</p>
          <button
            type="button"
            onClick={() => reset()}
            style={{ marginTop: 16, minHeight: 44, padding: "10px 18px", borderRadius: 8, border: 0, background: "#7c5cff", color: "#fff", fontWeight: 650, cursor: "pointer" }}
          >
            Try again · 다시 시도 · 再試行
          </button>
        </main>
      </body>
    </html>
  )
}
