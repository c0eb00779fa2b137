const fractionDigitsCache = new Map<string, number>()

/** How many minor units a currency has (2 for USD, 0 for JPY), as Intl knows it. */
export function minorDigits(currency: string): number {
  const cached = fractionDigitsCache.get(currency)
  if (cached !== undefined) {
    return cached
  }
  let digits = 2
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
  } catch {
    // an unknown code: assume cents
  }
  fractionDigitsCache.set(currency, digits)
  return digits
}

/** Money from minor units, whole major units: `formatMoney(123456, 'USD')` → `$1,235`. */
export function formatMoney(amountMinor: number, currency: string): string {
  const major = amountMinor / 10 ** minorDigits(currency)
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    }).format(major)
  } catch {
    return `${formatCount(Math.round(major))} ${currency}`
  }
}

/** Money shortened for chart labels: `$1.2M`, `$35K`. */
export function formatMoneyShort(amountMinor: number, currency: string): string {
  const major = amountMinor / 10 ** minorDigits(currency)
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(major)
  } catch {
    return formatMoney(amountMinor, currency)
  }
}

/** A whole count with thousands separators. */
export function formatCount(count: number): string {
  return new Intl.NumberFormat('en').format(count)
}

/** A probability or rate as a percentage: `0.3` → `30 %`; null as an en dash. */
export function formatPercent(fraction: number | null, fractionDigits = 0): string {
  if (fraction === null || !Number.isFinite(fraction)) {
    return '–'
  }
  // a no-break space keeps the number and its sign on one line
  return `${(fraction * 100).toFixed(fractionDigits)}\u00a0%`
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

const monthFormat = new Intl.DateTimeFormat('en-GB', {
  month: 'short',
  year: '2-digit',
  timeZone: 'UTC',
})

/** An ISO date (or timestamp) as `12 Mar 2024`; null as an en dash. */
export function formatDate(iso: string | null): string {
  if (iso === null || iso === '') {
    return '–'
  }
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date)
}

/** A `YYYY-MM` month as `Mar 24`. */
export function formatMonth(month: string): string {
  const date = new Date(`${month.slice(0, 7)}-01T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? month : monthFormat.format(date)
}

/** A status or reason code for people: `at_risk` → `At risk`. */
export function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim()
  return words.length === 0 ? code : words[0]?.toUpperCase() + words.slice(1)
}

/** Days overdue in words: `3 days`, `1 day`, or an en dash. */
export function formatDays(days: number | null): string {
  if (days === null) {
    return '–'
  }
  return `${formatCount(days)} ${Math.abs(days) === 1 ? 'day' : 'days'}`
}
