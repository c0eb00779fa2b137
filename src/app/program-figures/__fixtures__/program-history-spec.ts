/**
 * The program-figures history as data: who, which customers, cases, orders, deals, make-goods and
 * earnings. `program-history.ts` writes it into a store.
 */
/** The day the history treats as today; the default period is the twelve months to it. */
export const HISTORY_TODAY = '2024-06-30'
/** the status-history run dated just before the default period's start */
export const START_RUN_AS_OF = '2023-06-20'

export type PersonKey = 'vp' | 'north' | 'south' | 'repA' | 'repB' | 'repC'

export interface CaseSpec {
  readonly customer: string
  readonly stage: 'won_back' | 'not_compatible' | 'let_go' | 'identified'
  readonly openedOn: string
  readonly endedOn: string | null
  readonly owner: PersonKey
  readonly reps: readonly PersonKey[]
  readonly reasons: readonly string[]
}

export interface CustomerSpec {
  readonly id: string
  readonly segment: string
  readonly owner: PersonKey
  /** status in the run at START_RUN_AS_OF, and in the run at HISTORY_TODAY with its lost since */
  readonly startStatus: 'active' | 'at_risk' | 'lapsed' | 'lost' | null
  readonly endStatus: 'active' | 'at_risk' | 'lapsed' | 'lost'
  readonly lostSince: string | null
  readonly firstOrderOn: string
}

export interface OrderSpec {
  readonly customer: string
  readonly on: string
  readonly amountMinor: number
  readonly status: 'placed' | 'cancelled' | 'refunded'
}

export interface DealSpec {
  readonly customer: string
  readonly status: 'won' | 'lost' | 'open'
  readonly closedOn: string | null
  readonly owner: PersonKey | null
}

/** a make-good on a case (by index in `cases`), maybe paid out */
export interface MakeGoodSpec {
  readonly caseIndex: number
  readonly kind: 'gift' | 'price_concession'
  readonly status: 'proposed' | 'approved' | 'rejected'
  readonly proposedAt: string
  readonly payout: { readonly amountMinor: number; readonly at: string } | null
}

export interface EarningSpec {
  readonly caseIndex: number
  readonly person: PersonKey
  readonly amountMinor: number
  readonly at: string
}

export interface HistorySpec {
  readonly segments: readonly [string, string]
  readonly reasonCodes: readonly [string, string, string]
  readonly customers: readonly CustomerSpec[]
  readonly cases: readonly CaseSpec[]
  readonly orders: readonly OrderSpec[]
  readonly deals: readonly DealSpec[]
  readonly makeGoods: readonly MakeGoodSpec[]
  readonly earnings: readonly EarningSpec[]
}

// one case per line: customer, stage, opened, ended, owner, reps, reason codes (first is primary)
const kase = (
  customer: string,
  stage: CaseSpec['stage'],
  openedOn: string,
  endedOn: string | null,
  owner: PersonKey,
  reps: readonly PersonKey[],
  reasons: readonly string[],
): CaseSpec => ({ customer, stage, openedOn, endedOn, owner, reps, reasons })

function casesOf(price: string, service: string, quality: string): CaseSpec[] {
  return [
    // 0: won in the period; revenue since the win, a refund row, a cancelled order
    kase('C1', 'won_back', '2023-09-01', '2023-12-01', 'north', ['repA'], [price, service]),
    // 1: won before the period, relapsed within a year (matured cohort)
    kase('C2', 'won_back', '2022-03-01', '2022-10-01', 'south', ['repB'], [service]),
    // 2: won before the period, still with us (matured cohort)
    kase('C3', 'won_back', '2022-01-01', '2022-08-15', 'north', ['repA', 'repC'], [price]),
    // 3: not compatible in the period, no rep
    kase('C4', 'not_compatible', '2023-08-01', '2024-02-01', 'south', [], [quality]),
    // 4: let go in the period, owned by the VP, no reason recorded
    kase('C5', 'let_go', '2023-10-01', '2024-05-01', 'vp', ['repC'], []),
    // 5: won in the period and lost again since (so far)
    kase('C6', 'won_back', '2024-01-01', '2024-04-01', 'north', ['repA'], [service, price]),
    // 6: ended before the period
    kase('C7', 'not_compatible', '2023-01-01', '2023-06-15', 'south', ['repB'], [quality]),
    // 7: still open, with a make-good paid
    kase('C8', 'identified', '2023-07-15', null, 'south', ['repC'], [price]),
    // 8: C1 won back a second time (its revenue counts once, from the first win)
    kase('C1', 'won_back', '2024-02-15', '2024-03-01', 'south', ['repB'], [quality]),
  ]
}

const customer = (
  id: string,
  segment: string,
  owner: PersonKey,
  startStatus: CustomerSpec['startStatus'],
  endStatus: CustomerSpec['endStatus'],
  lostSince: string | null,
  firstOrderOn = '2021-01-01',
): CustomerSpec => ({ id, segment, owner, startStatus, endStatus, lostSince, firstOrderOn })

function customersOf(segA: string, segB: string): CustomerSpec[] {
  return [
    customer('C1', segA, 'repA', 'lost', 'active', null),
    customer('C2', segB, 'repB', 'active', 'lost', '2023-05-01'),
    customer('C3', segA, 'repA', 'at_risk', 'active', null),
    customer('C4', segB, 'repB', 'lapsed', 'lost', '2022-01-01'),
    customer('C5', segA, 'repC', 'lost', 'lost', '2021-06-01'),
    customer('C6', segA, 'repA', 'active', 'lost', '2024-06-01'),
    customer('C7', segB, 'repB', 'lost', 'lost', '2022-02-01'),
    customer('C8', segB, 'repC', 'at_risk', 'lapsed', null),
    customer('X1', segA, 'repA', 'active', 'lost', '2024-02-01'),
    customer('X2', segB, 'repB', 'active', 'lost', '2023-06-01'),
    customer('X3', segA, 'north', 'active', 'active', null),
    customer('X4', segB, 'repC', 'at_risk', 'lost', '2023-07-01'),
    // a new customer of the period, lost in it: not among the active at the start
    customer('X5', segB, 'repB', null, 'lost', '2024-03-01', '2023-09-01'),
  ]
}

const order = (
  customerId: string,
  on: string,
  amountMinor: number,
  status: OrderSpec['status'] = 'placed',
): OrderSpec => ({ customer: customerId, on, amountMinor, status })

const ORDERS: readonly OrderSpec[] = [
  order('C1', '2023-11-15', 1_000),
  order('C1', '2023-12-01', 2_500),
  order('C1', '2024-01-10', 5_000),
  order('C1', '2024-02-10', -1_500),
  order('C1', '2024-03-01', 9_999, 'cancelled'),
  order('C1', '2024-04-02', 4_000),
  order('C1', '2024-07-02', 7_777),
  order('C2', '2022-11-01', 3_000),
  order('C2', '2023-08-01', 2_000),
  order('C3', '2024-05-05', 6_000, 'refunded'),
  order('C3', '2024-05-06', 1_200),
  order('C6', '2024-04-20', 800),
  order('C5', '2024-01-01', 999),
]

const deal = (
  customerId: string,
  status: DealSpec['status'],
  closedOn: string | null,
  owner: PersonKey | null,
): DealSpec => ({ customer: customerId, status, closedOn, owner })

const DEALS: readonly DealSpec[] = [
  deal('X1', 'won', '2023-10-01', 'repA'),
  deal('X1', 'won', '2024-06-30', null),
  deal('X3', 'lost', '2023-07-01', 'repA'),
  deal('X3', 'lost', '2024-01-01', 'repA'),
  deal('X2', 'lost', '2024-02-02', 'repB'),
  deal('X2', 'lost', '2024-03-03', 'south'),
  deal('X4', 'lost', '2024-04-04', 'repC'),
  deal('X4', 'won', '2023-01-01', 'repC'),
  deal('X4', 'open', null, 'repC'),
]

const paid = (amountMinor: number, at: string) => ({ amountMinor, at })

const MAKE_GOODS: readonly MakeGoodSpec[] = [
  {
    caseIndex: 0,
    kind: 'gift',
    status: 'approved',
    proposedAt: '2023-11-01T10:00:00.000Z',
    payout: paid(3_000, '2024-01-05T10:00:00.000Z'),
  },
  {
    caseIndex: 0,
    kind: 'price_concession',
    status: 'approved',
    proposedAt: '2024-01-02T10:00:00.000Z',
    // the period's very last moment still counts
    payout: paid(1_000, '2024-06-30T23:59:59.000Z'),
  },
  {
    caseIndex: 3,
    kind: 'price_concession',
    status: 'rejected',
    proposedAt: '2023-09-09T10:00:00.000Z',
    payout: null,
  },
  {
    caseIndex: 7,
    kind: 'gift',
    status: 'approved',
    proposedAt: '2023-07-20T10:00:00.000Z',
    payout: paid(500, '2023-08-01T10:00:00.000Z'),
  },
  {
    caseIndex: 2,
    kind: 'gift',
    status: 'approved',
    proposedAt: '2022-05-01T10:00:00.000Z',
    payout: paid(700, '2022-05-02T10:00:00.000Z'),
  },
]

const EARNINGS: readonly EarningSpec[] = [
  { caseIndex: 0, person: 'repA', amountMinor: 500, at: '2024-01-11T10:00:00.000Z' },
  { caseIndex: 0, person: 'repA', amountMinor: -150, at: '2024-02-11T10:00:00.000Z' },
  { caseIndex: 0, person: 'north', amountMinor: 200, at: '2024-01-11T10:00:00.000Z' },
  { caseIndex: 2, person: 'repA', amountMinor: 400, at: '2023-01-01T10:00:00.000Z' },
  { caseIndex: 5, person: 'repA', amountMinor: 90, at: '2024-04-21T10:00:00.000Z' },
]

/** The history; `names` replaces the segment and reason names (hostile ones for TESTPLAN T14). */
export function historySpec(
  names: { segments?: readonly [string, string]; reasons?: readonly [string, string, string] } = {},
): HistorySpec {
  const [segA, segB] = names.segments ?? ['Retail', 'Wholesale']
  const [price, service, quality] = names.reasons ?? ['price', 'service', 'quality']
  return {
    segments: [segA, segB],
    reasonCodes: [price, service, quality],
    customers: customersOf(segA, segB),
    cases: casesOf(price, service, quality),
    orders: ORDERS,
    deals: DEALS,
    makeGoods: MAKE_GOODS,
    earnings: EARNINGS,
  }
}
