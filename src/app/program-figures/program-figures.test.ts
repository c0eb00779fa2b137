import { expect, it } from 'vitest'
import { ValidationError } from '../../domain/errors.js'
import type { Store } from '../../store/index.js'
import { caseDialects, describeWorld } from '../cases/__fixtures__/case-world.js'
import {
  type CaseSpec,
  HISTORY_TODAY,
  type HistorySpec,
  historySpec,
  type PersonKey,
  type WrittenHistory,
  writeHistory,
} from './__fixtures__/program-history.js'
import type { FigureDimension } from './dimensions.js'
import { type FigureSet, programFiguresAs } from './program-figures.js'

const targets = await caseDialects()

// ---- an independent oracle: the SPEC's definitions applied straight to the spec's rows ----

const FROM = '2023-07-01'
const TO = HISTORY_TODAY
const ENDINGS = ['won_back', 'not_compatible', 'let_go']
const inPeriod = (day: string | null) => day !== null && day >= FROM && day <= TO
const REP_MANAGER: Record<string, PersonKey> = { repA: 'north', repB: 'south', repC: 'north' }
const isRep = (key: PersonKey) => key.startsWith('rep')

type Oracle = {
  readonly caseIn: (row: CaseSpec) => boolean
  readonly accountIn: (owner: PersonKey, segment: string) => boolean
}

function oracleFor(
  history: WrittenHistory,
  group: { dimension: FigureDimension; key: string } | null,
): Oracle {
  const spec = history.spec
  const segmentOf = (customer: string) =>
    spec.customers.find((row) => row.id === customer)?.segment ?? ''
  const idOf = (key: PersonKey) => String(history.people[key])
  return {
    caseIn: (row) => {
      if (group === null) {
        return true
      }
      switch (group.dimension) {
        case 'manager':
          return (
            idOf(isRep(row.owner) ? (REP_MANAGER[row.owner] ?? row.owner) : row.owner) === group.key
          )
        case 'rep':
          return row.reps.length === 0 ? group.key === '' : row.reps.map(idOf).includes(group.key)
        case 'reason':
          return (row.reasons[0] ?? '') === group.key
        case 'segment':
          return segmentOf(row.customer) === group.key
      }
    },
    accountIn: (owner, segment) => {
      if (group === null) {
        return true
      }
      switch (group.dimension) {
        case 'manager':
          return idOf(isRep(owner) ? (REP_MANAGER[owner] ?? owner) : owner) === group.key
        case 'rep':
          return (isRep(owner) ? idOf(owner) : '') === group.key
        case 'reason':
          return false
        case 'segment':
          return segment === group.key
      }
    },
  }
}

function expectedFigures(history: WrittenHistory, oracle: Oracle) {
  const spec: HistorySpec = history.spec
  const cases = spec.cases.filter(oracle.caseIn)
  const ended = cases.filter((row) => ENDINGS.includes(row.stage) && inPeriod(row.endedOn))
  const wonInPeriod = ended.filter((row) => row.stage === 'won_back')
  const customer = (id: string) => spec.customers.find((row) => row.id === id)
  const deals = spec.deals.filter((deal) => {
    const account = customer(deal.customer)
    const owner = deal.owner ?? account?.owner ?? 'vp'
    return (
      deal.status !== 'open' &&
      inPeriod(deal.closedOn) &&
      oracle.accountIn(owner, account?.segment ?? '')
    )
  })
  const accounts = spec.customers.filter((row) => oracle.accountIn(row.owner, row.segment))
  // revenue: per customer, from its earliest win, placed orders (refund rows negative) in the period
  const firstWin = new Map<string, string>()
  for (const row of cases) {
    if (row.stage === 'won_back' && row.endedOn !== null && row.endedOn <= TO) {
      const was = firstWin.get(row.customer)
      firstWin.set(row.customer, was === undefined || was > row.endedOn ? row.endedOn : was)
    }
  }
  const revenue = spec.orders
    .filter((order) => {
      const win = firstWin.get(order.customer)
      return win !== undefined && order.status === 'placed' && order.on >= win && inPeriod(order.on)
    })
    .reduce((total, order) => total + order.amountMinor, 0)
  const caseIndexes = new Set(cases.map((row) => spec.cases.indexOf(row)))
  const inPeriodAt = (at: string) => inPeriod(at.slice(0, 10))
  const makeGood = spec.makeGoods
    .filter(
      (offer) =>
        caseIndexes.has(offer.caseIndex) && offer.payout !== null && inPeriodAt(offer.payout.at),
    )
    .reduce((total, offer) => total + (offer.payout?.amountMinor ?? 0), 0)
  const bounty = spec.earnings
    .filter((earning) => caseIndexes.has(earning.caseIndex) && inPeriodAt(earning.at))
    .reduce((total, earning) => total + earning.amountMinor, 0)
  const concessions = spec.makeGoods.filter(
    (offer) =>
      caseIndexes.has(offer.caseIndex) &&
      offer.kind === 'price_concession' &&
      inPeriodAt(offer.proposedAt),
  )
  const days = wonInPeriod
    .map((row) => (Date.parse(row.endedOn ?? '') - Date.parse(row.openedOn)) / 86_400_000)
    .sort((a, b) => a - b)
  // re-lapse: wins a year or more before the period's end, in the year before the period
  const lostAgain = (row: CaseSpec) => {
    const account = customer(row.customer)
    const win = row.endedOn ?? ''
    const yearAfter = `${Number(win.slice(0, 4)) + 1}${win.slice(4)}`
    return (
      account?.endStatus === 'lost' &&
      account.lostSince !== null &&
      account.lostSince > win &&
      account.lostSince <= yearAfter
    )
  }
  const wins = cases.filter((row) => row.stage === 'won_back' && row.endedOn !== null)
  const matured = wins.filter(
    (row) => (row.endedOn ?? '') >= '2022-07-01' && (row.endedOn ?? '') <= '2023-06-30',
  )
  const recent = wins.filter(
    (row) => (row.endedOn ?? '') > '2023-06-30' && (row.endedOn ?? '') <= TO,
  )
  return {
    won: wonInPeriod.length,
    ended: ended.length,
    dealsWon: deals.filter((deal) => deal.status === 'won').length,
    dealsClosed: deals.length,
    becameLost: accounts.filter((row) => row.endStatus === 'lost' && inPeriod(row.lostSince))
      .length,
    activeAtStart: accounts.filter(
      (row) => row.startStatus === 'active' || row.startStatus === 'at_risk',
    ).length,
    revenue,
    makeGood,
    bounty,
    offered: concessions.length,
    approved: concessions.filter((offer) => offer.status === 'approved').length,
    days,
    relapsed: matured.filter(lostAgain).length,
    cohort: matured.length,
    relapsedSoFar: recent.filter(lostAgain).length,
    atRisk: recent.filter((row) => !lostAgain(row)).length,
  }
}

/** The median of a sorted list, and its quartiles by Hyndman & Fan's definition 7, by hand. */
function handQuartile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) {
    return null
  }
  const h = (sorted.length - 1) * p
  const lo = sorted[Math.floor(h)] ?? 0
  const hi = sorted[Math.ceil(h)] ?? 0
  return lo + (h - Math.floor(h)) * (hi - lo)
}

function expectMatches(
  actual: FigureSet,
  expected: ReturnType<typeof expectedFigures>,
  label: string,
) {
  const where = `${label}`
  expect([actual.winBack.count, actual.winBack.of], where).toEqual([expected.won, expected.ended])
  expect(actual.winBack.rate, where).toBe(
    expected.ended === 0 ? null : expected.won / expected.ended,
  )
  expect([actual.prospectConversion.count, actual.prospectConversion.of], where).toEqual([
    expected.dealsWon,
    expected.dealsClosed,
  ])
  expect([actual.churn?.count, actual.churn?.of], where).toEqual([
    expected.becameLost,
    expected.activeAtStart,
  ])
  expect(actual.revenueRecoveredMinor, where).toBe(expected.revenue)
  expect(actual.cost.makeGoodMinor, where).toBe(expected.makeGood)
  expect(actual.cost.bountyMinor, where).toBe(expected.bounty)
  expect(actual.cost.perRevenue, where).toBe(
    expected.revenue > 0 ? (expected.makeGood + expected.bounty) / expected.revenue : null,
  )
  expect(
    [actual.cost.priceConcessionsOffered, actual.cost.priceConcessionsApproved],
    where,
  ).toEqual([expected.offered, expected.approved])
  expect(actual.timeToWinBackDays, where).toEqual({
    count: expected.days.length,
    q1: handQuartile(expected.days, 0.25),
    median: handQuartile(expected.days, 0.5),
    q3: handQuartile(expected.days, 0.75),
  })
  expect([actual.relapse.matured.count, actual.relapse.matured.of], where).toEqual([
    expected.relapsed,
    expected.cohort,
  ])
  expect(actual.relapse.soFar, where).toEqual({
    relapsed: expected.relapsedSoFar,
    atRisk: expected.atRisk,
  })
}

describeWorld('program figures', targets, (current) => {
  let written: WrittenHistory | undefined
  const history = async (store: Store) => {
    written ??= await writeHistory(store, historySpec())
    return written
  }
  const vpOf = (store: Store, people: WrittenHistory['people']) => {
    void store
    return { userId: people.vp, role: 'vp' as const, teamUserIds: new Set([people.vp]) }
  }

  it('computes every figure of the whole program as the SPEC defines it, from the rows written', async () => {
    const { store } = current()
    const written = await history(store)
    const figures = await programFiguresAs(store, vpOf(store, written.people), { today: TO })
    expect([figures.from, figures.to]).toEqual([FROM, TO])
    const expected = expectedFigures(written, oracleFor(written, null))
    // the history reaches every branch: each figure has something to count
    expect(expected.ended).toBeGreaterThan(expected.won)
    expect(expected.revenue * expected.makeGood * expected.bounty * expected.cohort).not.toBe(0)
    expectMatches(figures.overall, expected, 'overall')
    expect(figures.churnBasis).toEqual({ basis: 'run', runAsOf: TO })
    expect(figures.overall.winBack.lower ?? 1).toBeLessThanOrEqual(
      figures.overall.winBack.rate ?? 0,
    )
    expect(figures.bands.winBack).toEqual({ low: 0.2, high: 0.4 })
  })

  it('breaks each figure down by manager, rep, reason and segment', async () => {
    const { store } = current()
    const written = await history(store)
    for (const by of ['manager', 'rep', 'reason', 'segment'] as const) {
      const figures = await programFiguresAs(store, vpOf(store, written.people), { today: TO, by })
      expect(figures.groups.length, by).toBeGreaterThan(1)
      for (const group of figures.groups) {
        const expected = expectedFigures(
          written,
          oracleFor(written, { dimension: by, key: group.key }),
        )
        expectMatches(group.figures, expected, `${by} ${group.label}`)
      }
    }
  })

  it('names staff in the breakdown but never a customer, for a rep too', async () => {
    const { store } = current()
    const written = await history(store)
    const rep = {
      userId: written.people.repA,
      role: 'rep' as const,
      teamUserIds: new Set([written.people.repA]),
    }
    const figures = await programFiguresAs(store, rep, { today: TO, by: 'rep' })
    const text = JSON.stringify(figures)
    expect(text).not.toContain('Secret Customer')
    for (const id of Object.values(written.customerIds)) {
      expect(text).not.toContain(id)
    }
    expect(figures.groups.map((group) => group.label)).toContain('Rita Rep')
  })

  it('takes a period and refuses a bad one, naming the field', async () => {
    const { store } = current()
    const written = await history(store)
    const vp = vpOf(store, written.people)
    const figures = await programFiguresAs(store, vp, { from: '2024-01-01', to: '2024-03-31' })
    const won = written.spec.cases.filter(
      (row) =>
        row.stage === 'won_back' &&
        (row.endedOn ?? '') >= '2024-01-01' &&
        (row.endedOn ?? '') <= '2024-03-31',
    ).length
    expect(figures.overall.winBack.count).toBe(won)
    await expect(programFiguresAs(store, vp, { from: '2024-13-01' })).rejects.toThrow(/^from:/)
    await expect(programFiguresAs(store, vp, { to: 'soon' })).rejects.toThrow(ValidationError)
    await expect(
      programFiguresAs(store, vp, { from: '2024-05-01', to: '2024-04-01' }),
    ).rejects.toThrow(/^from: 2024-05-01 is after/)
  })
})
