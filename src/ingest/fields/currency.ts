/** Currency codes, symbols and minor-unit exponents (ISO 4217) for reading amounts. */

/** currencies whose minor unit is not the usual 1/100 (ISO 4217 list of exponents) */
const EXPONENTS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    BIF: 0,
    CLP: 0,
    DJF: 0,
    GNF: 0,
    ISK: 0,
    JPY: 0,
    KMF: 0,
    KRW: 0,
    PYG: 0,
    RWF: 0,
    UGX: 0,
    UYI: 0,
    VND: 0,
    VUV: 0,
    XAF: 0,
    XOF: 0,
    XPF: 0,
    BHD: 3,
    IQD: 3,
    JOD: 3,
    KWD: 3,
    LYD: 3,
    OMR: 3,
    TND: 3,
  }),
)

/** How many decimal places a currency's minor unit has: 2 unless ISO 4217 says otherwise. */
export function currencyExponent(code: string): number {
  return EXPONENTS.get(code) ?? 2
}

const DOLLAR_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN', 'TWD'])

const SYMBOLS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    '€': 'EUR',
    '£': 'GBP',
    '¥': 'JPY',
    '₹': 'INR',
    '₩': 'KRW',
    '₽': 'RUB',
    '₺': 'TRY',
    '₪': 'ILS',
    '₫': 'VND',
    '₱': 'PHP',
    R$: 'BRL',
    US$: 'USD',
    C$: 'CAD',
    CA$: 'CAD',
    A$: 'AUD',
    AU$: 'AUD',
    NZ$: 'NZD',
    HK$: 'HKD',
    S$: 'SGD',
    CHF: 'CHF',
    kr: 'SEK',
  }),
)

/**
 * The ISO code a currency mark stands for: a three-letter code as is, a symbol by the table, and
 * a bare `$` as the company currency when that is a dollar (else USD). Null when unknown.
 * @example currencyOfMark('€', 'USD') // 'EUR'
 */
export function currencyOfMark(mark: string, companyCurrency: string): string | null {
  if (mark === '$') {
    return DOLLAR_CURRENCIES.has(companyCurrency) ? companyCurrency : 'USD'
  }
  if (/^[A-Za-z]{3}$/.test(mark) && mark !== 'kr') {
    return mark.toUpperCase()
  }
  return SYMBOLS.get(mark) ?? null
}

/** True for a well-formed ISO 4217 code such as `EUR`. */
export function isCurrencyCode(text: string): boolean {
  return /^[A-Z]{3}$/.test(text)
}
