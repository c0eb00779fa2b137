import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../domain/errors.js'
import type { DemoTruth } from './demo-types.js'
import { generateDemoCompany } from './generate-demo-company.js'

const AS_OF = '2025-06-30'
const company = generateDemoCompany({ seed: 5, customers: 3000, asOf: AS_OF })
const customers = company.truth.filter((truth) => truth.kind === 'customer')
const gone = customers.filter((truth) => !truth.alive)
const SERVICE = new Set(['delivery', 'billing', 'missed_deadline', 'quality', 'service'])

const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1)
const probability = (truth: DemoTruth): number => truth.probabilityWinBack ?? Number.NaN

describe('generateDemoCompany', () => {
  it('gives an identical company for the same seed and a different one for another seed', () => {
    const small = { customers: 200, asOf: AS_OF }
    const first = JSON.stringify(generateDemoCompany({ ...small, seed: 9 }))
    expect(JSON.stringify(generateDemoCompany({ ...small, seed: 9 }))).toBe(first)
    expect(JSON.stringify(generateDemoCompany({ ...small, seed: 10 }))).not.toBe(first)
  })

  it('makes the requested customers plus prospects of failed sales, each with one truth line', () => {
    const buyers = company.customers.filter((customer) => customer.id.startsWith('C'))
    expect(buyers).toHaveLength(3000)
    expect(company.customers.length).toBeGreaterThan(3000)
    expect(new Set(company.truth.map((truth) => truth.customerId))).toEqual(
      new Set(company.customers.map((customer) => customer.id)),
    )
  })

  it('keeps every record about a known customer, in USD cents, on or before the as-of date', () => {
    const ids = new Set(company.customers.map((customer) => customer.id))
    const emails = new Set(company.users.map((user) => user.email))
    const badOrders = company.orders.filter(
      (order) =>
        !ids.has(order.customerId) ||
        order.orderedOn > AS_OF ||
        !Number.isInteger(order.amountMinor) ||
        order.amountMinor <= 0,
    )
    expect(badOrders).toEqual([])
    const records = [...company.incidents, ...company.contacts, ...company.deals]
    expect(records.filter((record) => !ids.has(record.customerId))).toEqual([])
    const owned = [...company.customers, ...company.deals, ...company.winBackAttempts]
    expect(owned.filter((record) => !emails.has(record.ownerEmail))).toEqual([])
    expect(new Set(company.orders.map((order) => order.orderId)).size).toBe(company.orders.length)
  })

  it('loses a share of customers inside the seeds’ 10-40 % a year, and the lost stop ordering', () => {
    const yearsOfHistory = 4
    const lostShare = gone.length / customers.length
    expect(lostShare).toBeGreaterThan(0.1)
    expect(lostShare / (yearsOfHistory / 2)).toBeLessThan(0.4)
    const lastOrder = new Map<string, string>()
    for (const order of company.orders) {
      lastOrder.set(order.customerId, order.orderedOn)
    }
    for (const truth of gone) {
      expect((lastOrder.get(truth.customerId) ?? '') <= (truth.diedOn ?? '')).toBe(true)
    }
  })

  it('puts the mean P(win back) of lost customers in the seeds’ 20-40 % band', () => {
    const meanProbability = mean(gone.map(probability))
    expect(meanProbability).toBeGreaterThan(0.2)
    expect(meanProbability).toBeLessThan(0.4)
    const prospects = company.truth.filter((truth) => truth.kind === 'prospect')
    expect(mean(prospects.map(probability))).toBeLessThan(meanProbability)
  })

  it('brings service leavers back less often than price leavers, spending more per month', () => {
    const service = gone.filter((truth) => SERVICE.has(truth.lossReason ?? ''))
    const price = gone.filter((truth) => truth.lossReason === 'price')
    expect(mean(service.map(probability))).toBeLessThan(mean(price.map(probability)))
    const spendRatio = (truth: DemoTruth): number =>
      (truth.secondLifetime?.monthlySpendMinor ?? 0) /
      ((truth.purchaseRatePerYear / 12) * truth.meanOrderValueMinor)
    expect(mean(service.map(spendRatio))).toBeGreaterThan(mean(price.map(spendRatio)))
  })

  it('makes a longer first lifetime and a fixed reason raise the chance of coming back', () => {
    const tenure = (truth: DemoTruth): number =>
      Date.parse(truth.diedOn ?? AS_OF) - Date.parse(truth.acquiredOn ?? AS_OF)
    const byTenure = [...gone].sort((a, b) => tenure(a) - tenure(b))
    const third = Math.floor(byTenure.length / 3)
    expect(mean(byTenure.slice(-third).map(probability))).toBeGreaterThan(
      mean(byTenure.slice(0, third).map(probability)),
    )
    for (const reason of ['rep_relationship', 'delivery'] as const) {
      const lost = gone.filter((truth) => truth.lossReason === reason)
      const fixed = lost.filter((truth) => truth.reasonFixedOn !== null)
      const unfixed = lost.filter((truth) => truth.reasonFixedOn === null)
      expect(fixed.length).toBeGreaterThan(5)
      expect(mean(fixed.map(probability))).toBeGreaterThan(mean(unfixed.map(probability)))
    }
  })

  it('records more incidents among customers who left over service', () => {
    const incidents = new Map<string, number>()
    for (const incident of company.incidents) {
      incidents.set(incident.customerId, (incidents.get(incident.customerId) ?? 0) + 1)
    }
    const count = (truth: DemoTruth): number => incidents.get(truth.customerId) ?? 0
    const service = customers.filter((truth) => SERVICE.has(truth.lossReason ?? ''))
    const others = customers.filter((truth) => !SERVICE.has(truth.lossReason ?? ''))
    expect(mean(service.map(count))).toBeGreaterThan(2 * mean(others.map(count)))
    expect(company.incidents.every((incident) => incident.costMinor > 0)).toBe(true)
  })

  it('ends a lost contract customer’s last contract unrenewed', () => {
    const lastContract = new Map<string, { endsOn: string; renewed: boolean }>()
    for (const contract of company.contracts) {
      lastContract.set(contract.customerId, contract)
    }
    const lostWithContract = gone.filter((truth) => lastContract.has(truth.customerId))
    expect(lostWithContract.length).toBeGreaterThan(20)
    for (const truth of lostWithContract) {
      expect(lastContract.get(truth.customerId)).toMatchObject({
        endsOn: truth.diedOn,
        renewed: false,
      })
    }
  })

  it('staffs a VP, an analyst, managers and reps, some new, one who left', () => {
    const roles = company.users.map((user) => user.role)
    expect(roles.filter((role) => role === 'vp')).toHaveLength(1)
    expect(roles).toContain('analyst')
    expect(roles).toContain('admin')
    expect(roles.filter((role) => role === 'manager').length).toBeGreaterThanOrEqual(2)
    const reps = company.users.filter((user) => user.role === 'rep')
    const sixMonthsAgo = '2024-12-30'
    expect(reps.filter((rep) => rep.startedOn > sixMonthsAgo).length).toBeGreaterThanOrEqual(1)
    expect(reps.filter((rep) => rep.leftOn !== null)).toHaveLength(1)
  })

  it('writes lost deals with reasons and competitors, and past win-back attempts with every outcome', () => {
    const lost = company.deals.filter((deal) => deal.status === 'lost')
    expect(lost.length).toBeGreaterThan(300)
    expect(lost.every((deal) => deal.lostReason !== null && deal.nextChoiceOn !== null)).toBe(true)
    expect(lost.some((deal) => deal.competitor !== null)).toBe(true)
    expect(company.deals.some((deal) => deal.status === 'won')).toBe(true)
    const outcomes = new Set(company.winBackAttempts.map((attempt) => attempt.outcome))
    expect(outcomes).toEqual(new Set(['won_back', 'not_compatible', 'let_go', 'no_response']))
  })

  it('makes contacts with fake addresses, some who left, a few in Greek or Cyrillic', () => {
    expect(company.contacts.every((contact) => contact.email.endsWith('.example'))).toBe(true)
    expect(company.contacts.every((contact) => /555-01\d\d$/.test(contact.phone))).toBe(true)
    expect(company.contacts.some((contact) => contact.hasLeft)).toBe(true)
    expect(
      company.contacts.some((contact) => /[\u0370-\u03ff\u0400-\u04ff]/.test(contact.name)),
    ).toBe(true)
  })

  it('refuses a bad customer count, seed or as-of date with a validation error', () => {
    expect(() => generateDemoCompany({ customers: 0 })).toThrow(ValidationError)
    expect(() => generateDemoCompany({ seed: -1 })).toThrow(ValidationError)
    expect(() => generateDemoCompany({ asOf: '2025-02-30' })).toThrow(ValidationError)
  })
})
