import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { receiveUpload, safeFileName } from './upload-file.js'

const dir = mkdtempSync(join(tmpdir(), 'comeback-upload-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const bodyOf = (text: string) => new Blob([text]).stream()

describe('safeFileName', () => {
  it('never keeps a path separator, a control character or a leading dot', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
        const safe = safeFileName(name)
        expect(safe).not.toMatch(/[\\/]/)
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
        expect(safe).not.toMatch(/[\u0000-\u001f\u007f]/)
        expect(safe.startsWith('.')).toBe(false)
        expect(safe.length).toBeGreaterThan(0)
        expect(safe.length).toBeLessThanOrEqual(120)
      }),
    )
  })

  it('keeps the last part of a path, whichever the separators', () => {
    expect(safeFileName('../../etc/passwd.csv')).toBe('passwd.csv')
    expect(safeFileName('..\\..\\orders 2024.csv')).toBe('orders 2024.csv')
    expect(safeFileName('..')).toBe('upload.csv')
  })
})

describe('receiveUpload', () => {
  it('stores the body in a folder of its own, with its size and SHA-256', async () => {
    const upload = await receiveUpload(bodyOf('a,b\n1,2\n'), {
      dir,
      fileName: '../x.csv',
      maxBytes: 100,
    })
    expect(upload.fileName).toBe('x.csv')
    expect(readFileSync(upload.path, 'utf8')).toBe('a,b\n1,2\n')
    expect(upload.sizeBytes).toBe(8)
    expect(upload.sha256).toBe(createHash('sha256').update('a,b\n1,2\n').digest('hex'))
    rmSync(upload.folder, { recursive: true, force: true })
  })

  it('refuses an empty body and leaves nothing behind', async () => {
    await expect(
      receiveUpload(bodyOf(''), { dir, fileName: 'e.csv', maxBytes: 10 }),
    ).rejects.toThrow(/empty/)
    expect(readdirSync(dir)).toEqual([])
  })
})
