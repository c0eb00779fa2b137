import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { ImportKind, RejectedRecord } from '../../domain/records.js'
import { generateBadOrdersCsv } from '../../test-support/bad-csv.js'
import { oracleSplitCsv } from '../../test-support/csv-oracle.js'
import { type ParseOptions, parseCsvFile } from './parse-csv-file.js'
import { parseInWorker } from './parse-in-worker.js'

const DIST_WORKER = resolve(
  fileURLToPath(import.meta.url),
  '../../../../dist/ingest/pipeline/parse-in-worker.js',
)
const folder = mkdtempSync(join(tmpdir(), 'comeback-parse-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

function writeFile(name: string, content: string | Uint8Array): string {
  const path = join(folder, name)
  writeFileSync(path, content)
  return path
}

function optionsFor(
  kind: ImportKind,
  path: string,
  extra: Partial<ParseOptions> = {},
): ParseOptions {
  return {
    kind,
    path,
    fileName: path,
    map: {},
    dateOrder: null,
    decimal: null,
    currency: 'USD',
    timeZone: 'UTC',
    batchSize: 500,
    ...extra,
  }
}

async function parseAll(options: ParseOptions) {
  const records: { line: number; key?: string; orderedOn?: string; amountMinor?: number }[] = []
  const rejects: RejectedRecord[] = []
  const summary = await parseCsvFile(options, (batch) => {
    records.push(...batch.records)
    rejects.push(...batch.rejects)
  })
  return { records, rejects, read: summary.read }
}

describe('parseCsvFile', () => {
  const { bytes, truth } = generateBadOrdersCsv({ rows: 5000, seed: 7, crlf: true, bom: true })
  const path = writeFile('bad.csv', bytes)

  it('reads as many records as the oracle, and rejects exactly the damaged rows at their start lines', async () => {
    const parsed = await parseAll(optionsFor('orders', path))
    const oracle = oracleSplitCsv(bytes)
    expect(parsed.read).toBe(oracle.records.length + oracle.rejects.length)
    expect(parsed.read).toBe(truth.records)
    const expected = truth.rejects.filter((reject) => reject.code !== 'duplicate_key_conflict')
    expect(parsed.rejects.map((r) => ({ line: r.line, code: r.code }))).toEqual(expected)
    for (const reject of parsed.rejects) {
      expect(reject.message).not.toBe('')
      if (['bad_date', 'bad_amount', 'wrong_currency'].includes(reject.code)) {
        expect(reject.field).not.toBeNull()
      }
    }
    const keys = new Set(parsed.records.map((record) => record.key))
    expect(truth.validKeys.every((key) => keys.has(key))).toBe(true)
  })

  it('gives the same batches from the worker thread as in this thread', async () => {
    const inThread = await parseAll(optionsFor('orders', path))
    const records: unknown[] = []
    const rejects: RejectedRecord[] = []
    const batches = parseInWorker(optionsFor('orders', path))
    let step = await batches.next()
    while (step.done !== true) {
      records.push(...step.value.records)
      rejects.push(...step.value.rejects)
      step = await batches.next()
    }
    expect(step.value.read).toBe(inThread.read)
    expect(records).toEqual(inThread.records)
    expect(rejects).toEqual(inThread.rejects)
  })

  it.runIf(existsSync(DIST_WORKER))(
    'runs the worker from the compiled JavaScript too',
    async () => {
      const expected = await parseAll(optionsFor('orders', path))
      const script = `
      const { parseInWorker } = await import(${JSON.stringify(DIST_WORKER)})
      const batches = parseInWorker(${JSON.stringify(optionsFor('orders', path))})
      let step = await batches.next(), records = 0
      while (!step.done) { records += step.value.records.length; step = await batches.next() }
      console.log(JSON.stringify({ read: step.value.read, records }))`
      const run = spawnSync(process.execPath, [writeFile('run-dist.mjs', script)], {
        encoding: 'utf8',
      })
      expect(run.stderr).toBe('')
      expect(JSON.parse(run.stdout)).toEqual({
        read: expected.read,
        records: expected.records.length,
      })
    },
  )

  it('stops with one clear error naming the file when a required column is missing', async () => {
    const bad = writeFile('no-amount.csv', 'Customer,Date\nC1,2024-01-01\n')
    await expect(parseAll(optionsFor('orders', bad))).rejects.toThrow(
      /no-amount\.csv: no column for amount/,
    )
    const viaWorker = parseInWorker(optionsFor('orders', bad))
    await expect(viaWorker.next()).rejects.toThrow(/no column for amount/)
  })

  it('maps headers by name and --map, keys orders without an id by customer, date, amount and n', async () => {
    const csv =
      'Cust No,Order Date,Total,Status\nC1,2024-01-05,"$1,200.00",Paid\nC1,2024-01-05,"$1,200.00",paid\nC2,2024-01-06,-5.00,\n'
    const file = writeFile('no-ids.csv', csv)
    const parsed = await parseAll(optionsFor('orders', file, { map: { customer_id: 'Cust No' } }))
    expect(parsed.records).toMatchObject([
      {
        line: 2,
        key: 'k:C1|2024-01-05|120000|1',
        customerId: 'C1',
        amountMinor: 120000,
        status: 'placed',
      },
      { line: 3, key: 'k:C1|2024-01-05|120000|2' },
      { line: 4, key: 'k:C2|2024-01-06|-500|1', status: 'refunded' },
    ])
  })

  it('settles day-first dates from the whole file, and asks when the file cannot settle them', async () => {
    const settled = writeFile(
      'dmy.csv',
      'customer,date,amount\nC1,01/02/2024,1\nC2,03/04/2024,2\nC3,25/12/2024,3\n',
    )
    const parsed = await parseAll(optionsFor('orders', settled))
    expect(parsed.records.map((r) => r.orderedOn)).toEqual([
      '2024-02-01',
      '2024-04-03',
      '2024-12-25',
    ])
    const open = writeFile('ambiguous.csv', 'customer,date,amount\nC1,01/02/2024,1\n')
    await expect(parseAll(optionsFor('orders', open))).rejects.toThrow(/--date-format/)
    const mixed = writeFile('mixed.csv', 'customer,date,amount\nC1,13/02/2024,1\nC1,02/13/2024,1\n')
    await expect(parseAll(optionsFor('orders', mixed))).rejects.toThrow(/day-first in some rows/)
    const given = await parseAll(optionsFor('orders', open, { dateOrder: 'MDY' }))
    expect(given.records).toMatchObject([{ orderedOn: '2024-01-02' }])
  })

  it('settles decimal commas from the whole file and asks when amounts are mixed', async () => {
    const comma = writeFile(
      'comma.csv',
      'customer;x,date,amount\nC1,2024-01-01,"1.234,50 €"\nC2,2024-01-01,"12,5"\n'.replace(
        'customer;x',
        'customer',
      ),
    )
    const parsed = await parseAll(optionsFor('orders', comma, { currency: 'EUR' }))
    expect(parsed.records.map((r) => r.amountMinor)).toEqual([123450, 1250])
    const mixed = writeFile(
      'mixed-decimal.csv',
      'customer,date,amount\nC1,2024-01-01,12.50\nC2,2024-01-01,"12,50"\n',
    )
    await expect(parseAll(optionsFor('orders', mixed))).rejects.toThrow(/--decimal/)
  })

  it('rejects bad emails in contacts and keys contacts by email when there is no contact id', async () => {
    const csv =
      'customer,name,email,role,left\nC1,Ann,ann@example.com,Decision Maker,no\nC1,Bob,bob@,buyer,no\nC2,Cy,,user,yes\n'
    const parsed = await parseAll(optionsFor('contacts', writeFile('contacts.csv', csv)))
    expect(parsed.records).toMatchObject([
      { key: 'e:C1|ann@example.com', role: 'decision_maker', hasLeft: false },
      { key: 'n:C2|Cy', role: 'user', hasLeft: true },
    ])
    expect(parsed.rejects).toMatchObject([{ line: 3, field: 'email', code: 'bad_email' }])
  })
})
