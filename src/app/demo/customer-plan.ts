import { DAYS_PER_YEAR } from './calendar.js'
import type { Segment, Territory } from './demo-types.js'
import { endOfContractYear } from './lifetime.js'
import type { Random } from './random.js'
import { TERRITORIES } from './staff.js'
import { COMPANY_FORMS, COMPANY_TRADES, COMPANY_WORDS } from './vocabulary.js'

/** How customers of one segment buy: typical order rate and spend, contracts, incident costs. */
export interface SegmentProfile {
  readonly share: number
  readonly ordersPerYear: number
  readonly orderValueMinor: number
  readonly dropoutPerYear: number
  readonly contractShare: number
  readonly incidentsPerYear: number
  readonly incidentCostMinor: number
}

export const SEGMENT_PROFILES: Readonly<Record<Segment, SegmentProfile>> = {
  Enterprise: {
    share: 0.12,
    ordersPerYear: 14,
    orderValueMinor: 650_000,
    dropoutPerYear: 0.2,
    contractShare: 0.6,
    incidentsPerYear: 0.6,
    incidentCostMinor: 400_000,
  },
  'Mid-market': {
    share: 0.33,
    ordersPerYear: 9,
    orderValueMinor: 180_000,
    dropoutPerYear: 0.28,
    contractShare: 0.3,
    incidentsPerYear: 0.4,
    incidentCostMinor: 120_000,
  },
  'Small business': {
    share: 0.55,
    ordersPerYear: 5,
    orderValueMinor: 45_000,
    dropoutPerYear: 0.34,
    contractShare: 0.05,
    incidentsPerYear: 0.25,
    incidentCostMinor: 25_000,
  },
}

const SEGMENTS = Object.keys(SEGMENT_PROFILES) as Segment[]

/** A customer's hidden first-lifetime parameters, drawn before anything is written. */
export interface CustomerBase {
  readonly id: string
  readonly name: string
  readonly domain: string
  readonly segment: Segment
  readonly territory: Territory
  readonly acquiredDay: number
  /** Pareto/NBD purchase rate λ while alive */
  readonly purchaseRatePerDay: number
  /** Gamma-Gamma mean spend per order */
  readonly meanOrderValueMinor: number
  /** day the first lifetime ends, or null when it outlasts the as-of date */
  readonly firstEndDay: number | null
  readonly hasContract: boolean
  readonly difficult: boolean
  /** personal taste for coming back: noise on the win-back logit */
  readonly propensity: number
  /** personal noise on second-lifetime spend */
  readonly spendNoise: number
}

/**
 * Draws one customer's latent buying process: a Pareto/NBD customer (Schmittlein, Morrison &
 * Colombo 1987: Poisson purchases at rate λ ~ Gamma, exponential lifetime with rate μ ~ Gamma)
 * with Gamma-Gamma spend (Fader, Hardie & Lee 2005). Contract customers stop only when a yearly
 * contract ends, unrenewed.
 */
export function drawCustomerBase(
  random: Random,
  index: number,
  window: { readonly startDay: number; readonly asOfDay: number },
): CustomerBase {
  const segment = random.weighted(SEGMENTS.map((name) => [name, SEGMENT_PROFILES[name].share]))
  const profile = SEGMENT_PROFILES[segment]
  const span = window.asOfDay - 21 - window.startDay
  // half uniform, half growing: a company that wins more customers each year
  const position = random.chance(0.5) ? random.next() : Math.sqrt(random.next())
  const acquiredDay = Math.round(window.startDay + position * span)
  const hasContract = random.chance(profile.contractShare)
  const dropoutPerDay = random.gamma(1.6, profile.dropoutPerYear / 1.6) / DAYS_PER_YEAR
  const lifetimeDays = random.exponential(Math.max(dropoutPerDay, 1e-9))
  const naturalEndDay = acquiredDay + Math.max(1, Math.round(lifetimeDays))
  const endDay = hasContract ? endOfContractYear(acquiredDay, naturalEndDay) : naturalEndDay
  const { name, domain } = companyName(random, index)
  return {
    id: `C${String(index).padStart(5, '0')}`,
    name,
    domain,
    segment,
    territory: random.pick(TERRITORIES),
    acquiredDay,
    purchaseRatePerDay: random.gamma(1.8, profile.ordersPerYear / 1.8) / DAYS_PER_YEAR,
    meanOrderValueMinor: profile.orderValueMinor * random.gamma(3, 1 / 3),
    firstEndDay: endDay < window.asOfDay ? endDay : null,
    hasContract,
    difficult: random.chance(0.06),
    propensity: random.normal() * 0.35,
    spendNoise: Math.exp(random.normal() * 0.15),
  }
}

/** A plausible, invented company name and the `.example` domain its people's emails use. */
export function companyName(
  random: Random,
  index: number,
): { readonly name: string; readonly domain: string } {
  const word = random.pick(COMPANY_WORDS)
  const trade = random.pick(COMPANY_TRADES)
  const name = `${word} ${trade} ${random.pick(COMPANY_FORMS)}`
  const slug = `${word}-${trade}`.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  return { name, domain: `${slug}-${index.toString(36)}.example` }
}
