import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseIcs, unescapeIcsText } from '../../test-support/ics-parse.js'
import { type MeetingInvite, renderInvite } from './meeting-invite.js'

const BASE: MeetingInvite = {
  uid: 'meeting-1@comeback.example',
  sequence: 0,
  method: 'REQUEST',
  title: 'Coffee with Пётр',
  location: 'Café Σωκράτης, 1 Main St',
  description: null,
  startsAt: new Date('2026-12-01T10:00:00Z'),
  endsAt: new Date('2026-12-01T11:00:00Z'),
  stampedAt: new Date('2026-11-20T09:00:00Z'),
  organiser: { name: 'Ann Manager', email: 'ann@seller.example' },
  attendees: [{ name: 'Пётр Чайковский', email: 'petr@customer.example' }],
}

const EVENT_PROPERTIES = [
  'BEGIN',
  'UID',
  'SEQUENCE',
  'DTSTAMP',
  'DTSTART',
  'DTEND',
  'SUMMARY',
  'LOCATION',
  'ORGANIZER',
  'ATTENDEE',
  'STATUS',
  'END',
]

function eventOf(ics: string) {
  const lines = parseIcs(ics)
  const begin = lines.findIndex((line) => line.name === 'BEGIN' && line.value === 'VEVENT')
  const end = lines.findIndex((line) => line.name === 'END' && line.value === 'VEVENT')
  return { calendar: lines.slice(0, begin), event: lines.slice(begin, end + 1) }
}

const value = (lines: ReturnType<typeof parseIcs>, name: string) =>
  lines.find((line) => line.name === name)?.value

describe('renderInvite', () => {
  it('writes a REQUEST with the UID, SEQUENCE, times, organiser and attendees', () => {
    const { calendar, event } = eventOf(renderInvite(BASE))
    expect(value(calendar, 'METHOD')).toBe('REQUEST')
    expect(value(event, 'UID')).toBe(BASE.uid)
    expect(value(event, 'SEQUENCE')).toBe('0')
    expect(value(event, 'DTSTART')).toBe('20261201T100000Z')
    expect(value(event, 'DTEND')).toBe('20261201T110000Z')
    expect(value(event, 'STATUS')).toBe('CONFIRMED')
    expect(unescapeIcsText(value(event, 'LOCATION') ?? '')).toBe(BASE.location)
    expect(value(event, 'ORGANIZER')?.toLowerCase()).toBe('mailto:ann@seller.example')
    const attendee = event.find((line) => line.name === 'ATTENDEE')
    expect(attendee?.params['CN']).toBe('Пётр Чайковский')
    expect(attendee?.params['RSVP']).toBe('TRUE')
    expect(attendee?.value.toLowerCase()).toBe('mailto:petr@customer.example')
  })

  it('cancels with METHOD:CANCEL, STATUS:CANCELLED and the same UID', () => {
    const { calendar, event } = eventOf(renderInvite({ ...BASE, method: 'CANCEL', sequence: 2 }))
    expect(value(calendar, 'METHOD')).toBe('CANCEL')
    expect(value(event, 'STATUS')).toBe('CANCELLED')
    expect(value(event, 'UID')).toBe(BASE.uid)
    expect(value(event, 'SEQUENCE')).toBe('2')
  })

  it('never lets CR/LF in a title, place or name start a new property (property)', () => {
    const nasty = fc.constantFrom(
      '\r\n',
      '\n',
      '\r',
      'ATTENDEE:mailto:evil@x.example',
      ';',
      ',',
      '"',
      ':',
      '\\',
      'BEGIN:VEVENT',
      'END:VCALENDAR',
      'Σ',
      'x',
    )
    const text = fc.array(nasty, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, text, text, (title, location, name) => {
        const ics = renderInvite({
          ...BASE,
          title: `T${title}`,
          location: `L${location}`,
          organiser: { name, email: 'ann@seller.example' },
          attendees: [{ name, email: 'petr@customer.example' }],
        })
        const { calendar, event } = eventOf(ics)
        expect(event.map((line) => line.name)).toEqual(EVENT_PROPERTIES)
        expect(calendar.map((line) => line.name)).toEqual(['BEGIN', 'VERSION', 'PRODID', 'METHOD'])
        const normalised = (s: string) => s.replace(/\r\n|\r|\n/g, '\n')
        expect(unescapeIcsText(value(event, 'SUMMARY') ?? '')).toBe(normalised(`T${title}`))
        expect(unescapeIcsText(value(event, 'LOCATION') ?? '')).toBe(normalised(`L${location}`))
        expect(event.filter((line) => line.name === 'ATTENDEE')).toHaveLength(1)
      }),
    )
  })
})
