import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MERGE_FIELDS, type MergeValues } from './template.js'
import { SHIPPED_TEMPLATES } from './template-defaults.js'
import {
  escapeHtml,
  headerSafe,
  renderFields,
  unknownFields,
  validateTemplateText,
} from './template-render.js'

const TEMPLATE = 'Dear {{contact}} of {{ customer }}: {{reason}}. {{offer}}!'

const values = fc.record(
  Object.fromEntries(MERGE_FIELDS.map((field) => [field, fc.string({ unit: 'binary' })])),
) as fc.Arbitrary<MergeValues>

function expected(vals: MergeValues, map: (text: string) => string): string {
  return `Dear ${map(vals.contact ?? '')} of ${map(vals.customer ?? '')}: ${map(vals.reason ?? '')}. ${map(vals.offer ?? '')}!`
}

describe('renderFields (TESTPLAN T15)', () => {
  it('substitutes any values literally, in one pass, evaluating nothing', () => {
    fc.assert(
      fc.property(values, (vals) => {
        expect(renderFields(TEMPLATE, vals, 'text')).toBe(expected(vals, (text) => text))
      }),
    )
  })

  it('escapes every value in HTML', () => {
    fc.assert(
      fc.property(values, (vals) => {
        const html = renderFields(TEMPLATE, vals, 'html')
        expect(html).toBe(expected(vals, escapeHtml))
        expect(html).not.toMatch(/[<>"]/)
      }),
    )
  })

  it('never lets a CR or LF into a header, whatever the values or the template', () => {
    fc.assert(
      fc.property(values, fc.string({ unit: 'binary' }), (vals, prefix) => {
        const subject = renderFields(`${prefix}{{customer}}\r\nBcc: {{contact}}`, vals, 'header')
        expect(subject).not.toMatch(/[\r\n\u2028\u2029]/)
      }),
    )
  })

  it('renders template-looking values and prototype names as text', () => {
    const injection = "{{constructor.constructor('return process')()}}"
    expect(renderFields('{{reason}}', { reason: injection }, 'text')).toBe(injection)
    expect(renderFields('{{reason}}', { reason: '{{offer}}', offer: 'x' }, 'text')).toBe(
      '{{offer}}',
    )
    expect(renderFields('{{constructor}}{{__proto__}}', {}, 'text')).toBe(
      '{{constructor}}{{__proto__}}',
    )
    expect(headerSafe('Hi\r\nBcc: x@evil')).toBe('Hi Bcc: x@evil')
  })
})

describe('validateTemplateText', () => {
  it('refuses unknown fields at save time', () => {
    expect(unknownFields("{{constructor.constructor('x')()}} {{contact}} {{toString}}")).toEqual([
      "constructor.constructor('x')()",
      'toString',
    ])
    expect(() =>
      validateTemplateText({ kind: 'email', subject: 'Hi {{__proto__}}', body: 'x' }),
    ).toThrow(/template has problems/)
    expect(() => validateTemplateText({ kind: 'email', subject: '', body: 'x' })).toThrow()
  })

  it('accepts every shipped template', () => {
    for (const template of SHIPPED_TEMPLATES) {
      expect(() => validateTemplateText(template)).not.toThrow()
    }
    const kinds = new Set(SHIPPED_TEMPLATES.map((template) => `${template.tone}/${template.kind}`))
    expect(kinds.size).toBe(8)
  })
})
