import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const folder = mkdtempSync(join(tmpdir(), 'comeback-import-cli-'))
const db = join(folder, 'cli.db')
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** runs `comeback import …` from source on the test database */
function comebackImport(args: readonly string[]) {
  const { COMEBACK_DB: _db, COMEBACK_USER: _user, ...env } = process.env
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/run.ts', '--db', db, 'import', ...args],
    { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 },
  )
  const stderr = result.stderr.split('\n').filter((line) => line.trim() !== '')
  return { status: result.status, stdout: result.stdout, stderr }
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(folder, name)
  writeFileSync(path, content)
  return path
}

describe('comeback import', () => {
  it('prints exactly the counts as JSON and exits 0', () => {
    const path = file(
      'orders.csv',
      'Order ID,Customer,Date,Total\nA1,C1,2024-01-02,10.00\nA2,C1,2024-02-02,"$1,250.00"\nA3,C2,someday,5\n',
    )
    const run = comebackImport(['orders', path, '--json'])
    expect(run.stderr).toEqual([])
    expect(run.status).toBe(0)
    const printed = JSON.parse(run.stdout) as Record<string, unknown>
    expect(Object.keys(printed).sort()).toEqual(
      ['importId', 'inserted', 'read', 'rejected', 'rejectsFile', 'unchanged', 'updated'].sort(),
    )
    expect(printed).toMatchObject({
      read: 3,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: 1,
      rejectsFile: join(folder, 'orders.rejects.csv'),
    })
    const again = JSON.parse(comebackImport(['orders', path, '--json']).stdout) as Record<
      string,
      unknown
    >
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 1 })
  })

  it('gives one clear line and a non-zero exit for a file that is not there', () => {
    const run = comebackImport(['orders', join(folder, 'missing.csv'), '--json'])
    expect(run.status).toBe(2)
    expect(run.stderr).toHaveLength(1)
    expect(run.stderr[0]).toMatch(/missing\.csv.*no such file/)
    expect(run.stdout).toBe('')
  })

  it('names the file and the field when a required column cannot be found', () => {
    const path = file('no-amount.csv', 'Customer,Date\nC1,2024-01-02\n')
    const run = comebackImport(['orders', path])
    expect(run.status).toBe(2)
    expect(run.stderr[0]).toMatch(/no-amount\.csv: no column for amount/)
    expect(run.stderr.join('\n')).not.toMatch(/\n\s+at /)
  })

  it('refuses a PNG named .csv and an unknown kind', () => {
    const png = file(
      'picture.csv',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    )
    expect(comebackImport(['orders', png]).stderr[0]).toMatch(/picture\.csv is a PNG image/)
    expect(comebackImport(['invoices', png]).status).toBe(2)
  })

  it('asks for --date-format when the file cannot settle its dates, and takes it', () => {
    const path = file('ambiguous.csv', 'customer,date,amount\nC9,01/02/2024,5\n')
    const asked = comebackImport(['orders', path, '--json'])
    expect(asked.status).toBe(2)
    expect(asked.stderr[0]).toMatch(/ambiguous\.csv: .*--date-format/)
    const told = comebackImport(['orders', path, '--json', '--date-format', 'DD/MM/YYYY'])
    expect(told.status).toBe(0)
    expect(JSON.parse(told.stdout)).toMatchObject({ inserted: 1 })
  })

  it('maps a column with --map', () => {
    const path = file('mapped.csv', 'Kunde,Datum,Betrag\nK1,2024-03-01,"12,50"\n')
    const run = comebackImport([
      'orders',
      path,
      '--json',
      '--map',
      'customer_id=Kunde',
      '--map',
      'ordered_on=Datum',
      '--map',
      'amount=Betrag',
    ])
    expect(run.stderr).toEqual([])
    expect(JSON.parse(run.stdout)).toMatchObject({ read: 1, inserted: 1 })
  })
})
