/** A small icon for a payment method (the API sends names and types, no images): by method, else by type. */
const COLORS: Record<string, string> = {
  kakaopay: "#fee500",
  naverpay: "#03c75a",
  tosspay: "#0064ff",
  paypay: "#ff0033",
  paypal: "#1a6fd1",
  konbini: "#f59e0b",
  pix: "#32bcad",
  ideal: "#cc0066",
  sepa: "#2f5da8",
}

export function PaymentIcon({ id, type }: { id: string; type: string }) {
  const color = COLORS[id] ?? "#7c5cff"
  const letter = id === "card" ? null : id.charAt(0).toUpperCase()
  return (
    <svg aria-hidden="true" viewBox="0 0 40 28" width="40" height="28" className="pay-icon">
      <rect x="0.5" y="0.5" width="39" height="27" rx="5" fill="#1f2433" stroke="#2a3042" />
      {type === "card" ? (
        <>
          <rect x="6" y="7" width="28" height="14" rx="2.5" fill="none" stroke={color} strokeWidth="2" />
          <path d="M6 11.5h28" stroke={color} strokeWidth="2.5" />
          <path d="M10 17h8" stroke={color} strokeWidth="2" strokeLinecap="round" />
        </>
      ) : type === "voucher" ? (
        <>
          <path d="M9 9h22v10H9z" fill="none" stroke={color} strokeWidth="2" />
          <path d="M13 13h14M13 16h9" stroke={color} strokeWidth="1.6" strokeLinecap="round" />
        </>
      ) : type === "bank" ? (
        <>
          <path d="M8 12l12-5 12 5z" fill={color} />
          <path d="M11 13v6M17 13v6M23 13v6M29 13v6M8 21h24" stroke={color} strokeWidth="2" />
        </>
      ) : (
        <>
          <circle cx="20" cy="14" r="8" fill={color} />
          <text x="20" y="18" textAnchor="middle" fontSize="11" fontWeight="800" fill="#111" fontFamily="system-ui, sans-serif">
            {letter}
          </text>
        </>
      )}
    </svg>
  )
}
