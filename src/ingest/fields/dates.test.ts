import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dateOrderEvidence, dayInTimeZone, parseDateOrder, readDate, readIsoDay } from './dates.js'

const day = fc
  .date({
    min: new Date('1950-01-01T00:00:00Z'),
    max: new Date('2150-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10))

const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number]
const pad = (n: number) => String(n).padStart(2, '0')

describe('readDate', () => {
  it('reads every common format of the same day to the same ISO date', () => {
    fc.assert(
      fc.property(day, (iso) => {
        const [y, m, d] = parts(iso)
        const month = new Date(`${iso}T00:00:00Z`).toLocaleString('en-US', {
          month: 'short',
          timeZone: 'UTC',
        })
        expect(readDate(iso, null, 'UTC')).toBe(iso)
        expect(readDate(`${y}${pad(m)}${pad(d)}`, null, 'UTC')).toBe(iso)
        expect(readDate(`${pad(d)}.${pad(m)}.${y}`, null, 'UTC')).toBe(iso)
        expect(readDate(`${d}/${m}/${y}`, 'DMY', 'UTC')).toBe(iso)
        expect(readDate(`${m}/${d}/${y}`, 'MDY', 'UTC')).toBe(iso)
        expect(readDate(`${d} ${month} ${y}`, null, 'UTC')).toBe(iso)
        expect(readDate(`${month} ${d}, ${y}`, null, 'UTC')).toBe(iso)
        expect(readDate(`${iso}T12:00:00Z`, null, 'UTC')).toBe(iso)
      }),
    )
  })

  it('calls a slash date ambiguous only when day and month could swap to another day', () => {
    fc.assert(
      fc.property(day, (iso) => {
        const [y, m, d] = parts(iso)
        const result = readDate(`${pad(d)}/${pad(m)}/${y}`, null, 'UTC')
        if (d <= 12 && d !== m) {
          expect(result).toBe('ambiguous')
          expect(dateOrderEvidence(`${pad(d)}/${pad(m)}/${y}`)).toBe('either')
        } else {
          expect(result).toBe(iso)
        }
      }),
    )
    expect(dateOrderEvidence('13/01/2024')).toBe('DMY')
    expect(dateOrderEvidence('01/13/2024')).toBe('MDY')
    expect(dateOrderEvidence('2024-01-13')).toBeNull()
  })

  it('moves a timestamp with an offset to the company time zone before taking its day', () => {
    expect(readDate('2024-01-31T23:30:00-05:00', null, 'UTC')).toBe('2024-02-01')
    expect(readDate('2024-01-31T23:30:00Z', null, 'Asia/Tokyo')).toBe('2024-02-01')
    expect(readDate('2024-02-01T03:00:00+01:00', null, 'America/New_York')).toBe('2024-01-31')
    expect(readDate('2024-01-31 23:30', null, 'Asia/Tokyo')).toBe('2024-01-31')
    expect(dayInTimeZone(Date.UTC(2024, 0, 1, 12), 'Europe/Paris')).toBe('2024-01-01')
  })

  it('rejects impossible days and non-dates', () => {
    for (const text of [
      '2024-02-30',
      '2023-02-29',
      '2024-13-01',
      '31/02/2024',
      'soon',
      '',
      '1899-12-31',
    ]) {
      expect(readDate(text, 'DMY', 'UTC')).toBe('invalid')
    }
    expect(readDate('2024-02-29', null, 'UTC')).toBe('2024-02-29')
    expect(readIsoDay('2024-1-01')).toBeNull()
  })

  it('reads --date-format options', () => {
    expect(parseDateOrder('DD/MM/YYYY')).toBe('DMY')
    expect(parseDateOrder('mm-dd-yyyy')).toBe('MDY')
    expect(parseDateOrder('YYYY')).toBeNull()
  })
})
