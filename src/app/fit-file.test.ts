import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { InsufficientDataError, NotFoundError, ValidationError } from '../domain/errors.js'
import { fitFile } from './fit-file.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const data = (file: string) => path.resolve(repoRoot, '../shared/data', file)
const directory = mkdtempSync(path.join(tmpdir(), 'comeback-fit-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

function csv(name: string, text: string): string {
  const file = path.join(directory, name)
  writeFileSync(file, text)
  return file
}

/** Within one unit of the last printed digit (the summary files are rounded to 2 decimals). */
function expectPrinted(actual: number | undefined, published: number, digits: number) {
  expect(Math.abs((actual ?? Number.NaN) - published)).toBeLessThanOrEqual(10 ** -digits * 1.0001)
}

describe('fitFile on summary files', () => {
  it('fits BG/NBD on the rounded CDNOW summary within one unit of the printed digits', async () => {
    const fit = await fitFile({
      summary: data('cdnow/cdnow_customers_summary.csv'),
      model: 'bgnbd',
    })
    expect(fit).toMatchObject({ model: 'bgnbd', n: 2357, converged: true })
    expectPrinted(fit.params['r'], 0.243, 3)
    expectPrinted(fit.params['alpha'], 4.414, 3)
    expectPrinted(fit.params['a'], 0.793, 3)
    expectPrinted(fit.params['b'], 2.426, 3)
  })

  it('fits Gamma-Gamma from x and zbar columns and BG/BB from a periods column with weights', async () => {
    const spend = await fitFile({
      summary: data('cdnow/cdnow_customers_summary_with_transactions.csv'),
      model: 'gamma-gamma',
    })
    expect(spend.n).toBe(946)
    expectPrinted(spend.params['p'], 6.25, 2)
    expectPrinted(spend.params['q'], 3.74, 2)
    expectPrinted(spend.params['gamma'], 15.44, 2)
    const donations = await fitFile({ summary: data('donations/donations.csv'), model: 'bg-bb' })
    expectPrinted(donations.params['alpha'], 1.204, 3)
    expectPrinted(donations.params['delta'], 2.783, 3)
  })

  it('chooses by BIC with auto on a summary, as there is no holdout, and says so', async () => {
    const fit = await fitFile({ summary: data('cdnow/cdnow_customers_summary.csv'), model: 'auto' })
    expect(['mbgnbd', 'pareto-nbd']).toContain(fit.model)
    expect(fit.choice).toMatch(/by BIC/)
    expect(fit.validation).toBeUndefined()
  })
})

describe('fitFile on bad input', () => {
  it('names the file, line and problem of a bad value', async () => {
    const negative = csv('negative.csv', 'frequency,recency,T\n1,2,3\n-1,0,3\n')
    await expect(fitFile({ summary: negative, model: 'bgnbd' })).rejects.toThrow(
      /negative\.csv line 3: frequency "-1" is not a number >= 0/,
    )
    const notNumber = csv('nan.csv', 'x,t_x,T\n1,NaN,3\n')
    await expect(fitFile({ summary: notNumber, model: 'bgnbd' })).rejects.toThrow(/t_x "NaN"/)
    const late = csv('late.csv', 'frequency,recency,T\n1,5,3\n')
    await expect(fitFile({ summary: late, model: 'bgnbd' })).rejects.toThrow(
      /line 2: recency 5 is greater than T 3/,
    )
  })

  it('refuses an empty file, a missing column, a missing file, and both or neither file', async () => {
    const empty = csv('empty.csv', 'frequency,recency,T\n')
    await expect(fitFile({ summary: empty, model: 'bgnbd' })).rejects.toBeInstanceOf(
      ValidationError,
    )
    const missing = csv('missing.csv', 'frequency,T\n1,3\n')
    await expect(fitFile({ summary: missing, model: 'bgnbd' })).rejects.toThrow(
      /no "recency" or "t_x" column/,
    )
    await expect(
      fitFile({ summary: path.join(directory, 'nope.csv'), model: 'bgnbd' }),
    ).rejects.toBeInstanceOf(NotFoundError)
    await expect(fitFile({ model: 'bgnbd' })).rejects.toThrow(/exactly one of/)
    await expect(fitFile({ orders: empty, model: 'bgnbd' })).rejects.toThrow(/--calibration-end/)
  })

  it('says there is too little data for one customer or only one-time buyers', async () => {
    const one = csv('one.csv', 'frequency,recency,T\n2,3,10\n')
    await expect(fitFile({ summary: one, model: 'bgnbd' })).rejects.toBeInstanceOf(
      InsufficientDataError,
    )
    const onceOnly = csv('once.csv', 'frequency,recency,T\n0,0,10\n0,0,12\n0,0,8\n')
    await expect(fitFile({ summary: onceOnly, model: 'pareto-nbd' })).rejects.toBeInstanceOf(
      InsufficientDataError,
    )
  })

  it('refuses a holdout end before the calibration end and an order file with bad dates', async () => {
    const orders = csv('orders.csv', 'customer_id,date,amount\nA,2024-01-01,10\nA,2024-02-30,5\n')
    await expect(fitFile({ orders, calibrationEnd: '2024-06-30', model: 'bgnbd' })).rejects.toThrow(
      /line 3: date "2024-02-30"/,
    )
    await expect(
      fitFile({ orders, calibrationEnd: '2024-06-30', holdoutEnd: '2024-01-01', model: 'bgnbd' }),
    ).rejects.toThrow(/must be after the calibration end/)
  })
})
