/**
 * The seeds' benchmark bands the program's figures are read against (SPEC §10). All three come
 * from seed 001 (`seeds/001_b51db05b7d0fec28.txt`): Marketing Metrics' "20 to 40 percent chance
 * of winning back an ex-customer" and "5 to 20 percent chance of turning a prospect into a
 * customer", and "most companies will lose between ten and 40 per cent of their customers".
 */
export interface Band {
  readonly low: number
  readonly high: number
}

/** win-back rate: seed 001, 20–40 % */
export const WIN_BACK_BAND: Band = { low: 0.2, high: 0.4 }

/** prospect conversion: seed 001, 5–20 % */
export const PROSPECT_BAND: Band = { low: 0.05, high: 0.2 }

/** yearly churn: seed 001, 10–40 % */
export const CHURN_BAND: Band = { low: 0.1, high: 0.4 }
