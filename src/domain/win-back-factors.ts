/**
 * What is known about a lost customer or lost deal that moves its chance of coming back (SPEC §2):
 * why they left and whether that was fixed, a new decision maker, tenure, value, time since the
 * loss, incidents on our side, and earlier failed attempts. The prior and the learned model read
 * the same factors, so their explanations name the same things.
 */

/** Loss reasons grouped by how they bear on a return (the taxonomy's codes map onto these). */
export const REASON_GROUPS = [
  'price',
  'service',
  'relationship',
  'competitor',
  'decision_maker',
  'offer',
  'not_needed',
  'unknown',
] as const
export type ReasonGroup = (typeof REASON_GROUPS)[number]

// the default taxonomy's codes (src/domain/reason.ts); a code not listed is 'unknown'
const GROUP_OF_CODE: Readonly<Record<string, ReasonGroup>> = {
  price: 'price',
  poached_on_price: 'price',
  delivery: 'service',
  billing: 'service',
  missed_deadline: 'service',
  quality: 'service',
  service: 'service',
  rep_relationship: 'relationship',
  poached_by_salesperson: 'relationship',
  poached_by_competitor: 'competitor',
  decision_maker_change: 'decision_maker',
  no_one_stop_offer: 'offer',
  no_longer_needed: 'not_needed',
}

// when a loss has several reasons the hardest one to answer decides (SPEC: reasons the company
// cannot fix weigh most); the order runs from hardest to easiest
const GROUP_PRECEDENCE: readonly ReasonGroup[] = [
  'not_needed',
  'service',
  'offer',
  'relationship',
  'competitor',
  'decision_maker',
  'price',
  'unknown',
]

/**
 * The group a loss's reason codes fall in: the hardest to answer of them, 'unknown' for none.
 * @example reasonGroupOf(['price', 'billing']) // 'service'
 */
export function reasonGroupOf(codes: readonly string[]): ReasonGroup {
  if (codes.length === 0) {
    return 'unknown'
  }
  const groups = new Set(codes.map((code) => GROUP_OF_CODE[code] ?? 'unknown'))
  return GROUP_PRECEDENCE.find((group) => groups.has(group)) ?? 'unknown'
}

/** The factors of one loss. `null` means not known, which moves nothing. */
export interface WinBackFactors {
  readonly reasonGroup: ReasonGroup
  /** a fix covers one of the loss's reasons */
  readonly reasonFixed: boolean
  readonly decisionMakerChanged: boolean
  /** years from the first order to the loss; null for a prospect */
  readonly tenureYears: number | null
  /** yearly value ÷ the company's typical (median) yearly value; null when unknown */
  readonly relativeValue: number | null
  readonly yearsSinceLoss: number
  /** incidents on our side before the loss (service failures that cost the customer) */
  readonly incidents: number
  /** earlier win-back attempts that ended without winning them back */
  readonly failedAttempts: number
}

/** The factors that move nothing: the point every driver is measured from. */
export const REFERENCE_FACTORS: WinBackFactors = {
  reasonGroup: 'unknown',
  reasonFixed: false,
  decisionMakerChanged: false,
  tenureYears: null,
  relativeValue: null,
  yearsSinceLoss: 0,
  incidents: 0,
  failedAttempts: 0,
}

export const FACTOR_NAMES = [
  'reason',
  'reasonFixed',
  'decisionMakerChanged',
  'tenure',
  'value',
  'timeSinceLoss',
  'incidents',
  'failedAttempts',
] as const
export type FactorName = (typeof FACTOR_NAMES)[number]

/** Caps past which a factor says nothing more (a tenth incident is no news after six). */
export const FACTOR_CAPS = {
  yearsSinceLoss: 5,
  incidents: 6,
  failedAttempts: 3,
  logRelativeValue: 2.5,
} as const

/** The same factors with the one named set back to its reference value. */
export function withoutFactor(factors: WinBackFactors, name: FactorName): WinBackFactors {
  const reference = REFERENCE_FACTORS
  switch (name) {
    case 'reason':
      return { ...factors, reasonGroup: reference.reasonGroup }
    case 'reasonFixed':
      return { ...factors, reasonFixed: false }
    case 'decisionMakerChanged':
      return { ...factors, decisionMakerChanged: false }
    case 'tenure':
      return { ...factors, tenureYears: null }
    case 'value':
      return { ...factors, relativeValue: null }
    case 'timeSinceLoss':
      return { ...factors, yearsSinceLoss: 0 }
    case 'incidents':
      return { ...factors, incidents: 0 }
    case 'failedAttempts':
      return { ...factors, failedAttempts: 0 }
  }
}

// a typical first lifetime: tenure below it lowers the odds, above it raises them
export const REFERENCE_TENURE_YEARS = 2

/**
 * The numeric features of the logit, one per coefficient, each 0 at the reference factors. The
 * prior and the learned model both read these, in this order after the reason's one-hot columns.
 */
export function numericFeatures(factors: WinBackFactors): number[] {
  const tenure =
    factors.tenureYears === null
      ? 0
      : Math.log1p(Math.max(0, factors.tenureYears)) - Math.log1p(REFERENCE_TENURE_YEARS)
  const value =
    factors.relativeValue === null || !(factors.relativeValue > 0)
      ? 0
      : clamp(Math.log(factors.relativeValue), FACTOR_CAPS.logRelativeValue)
  return [
    factors.reasonFixed ? 1 : 0,
    factors.decisionMakerChanged ? 1 : 0,
    tenure,
    value,
    Math.min(Math.max(0, factors.yearsSinceLoss), FACTOR_CAPS.yearsSinceLoss),
    Math.min(Math.max(0, factors.incidents), FACTOR_CAPS.incidents),
    Math.min(Math.max(0, factors.failedAttempts), FACTOR_CAPS.failedAttempts),
  ]
}

/** The reason groups with a column of their own ('unknown' is the baseline). */
export const REASON_COLUMNS = REASON_GROUPS.filter((group) => group !== 'unknown')

/**
 * The full feature row: the reason one-hot, then {@link numericFeatures}. An unknown reason takes
 * `unknownReason` (a learned model's mix of reasons among the cases it learned from, so "reason
 * not known" carries no effect of its own), else all zeros (the prior's baseline).
 */
export function featureRow(factors: WinBackFactors, unknownReason?: readonly number[]): number[] {
  const reason =
    factors.reasonGroup === 'unknown' && unknownReason !== undefined
      ? REASON_COLUMNS.map((_, index) => unknownReason[index] ?? 0)
      : REASON_COLUMNS.map((group) => (factors.reasonGroup === group ? 1 : 0))
  return [...reason, ...numericFeatures(factors)]
}

function clamp(value: number, cap: number): number {
  return Math.min(Math.max(value, -cap), cap)
}
