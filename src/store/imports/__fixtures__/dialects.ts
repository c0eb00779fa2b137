import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe } from 'vitest'
import { createTestPgUrl } from '../../../test-support/pg.js'
import { openStore, type Store } from '../../store.js'

/** One database a test file runs on: a new connection each `open()`, and where it is. */
export interface DialectTarget {
  readonly name: string
  readonly location: string
  readonly open: () => Promise<Store>
}

/**
 * A fresh SQLite file and, when a server answers (always in CI), a fresh PostgreSQL database for
 * one test file; both are removed after it. Call at the top level with `await`.
 */
export async function testDialects(): Promise<DialectTarget[]> {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-imports-'))
  const sqlitePath = join(dir, 'imports.db')
  const targets: DialectTarget[] = [
    { name: 'SQLite', location: sqlitePath, open: () => openStore(sqlitePath) },
  ]
  const pg = await createTestPgUrl()
  if (pg !== null) {
    targets.push({ name: 'PostgreSQL', location: pg.url, open: () => openStore(pg.url) })
  }
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await pg?.drop()
  })
  return targets
}

/**
 * Runs `body` once per dialect inside `describe('<title> on <dialect>')`, with a migrated store
 * open for the whole block.
 */
export function describeEachDialect(
  title: string,
  targets: readonly DialectTarget[],
  body: (current: () => Store, target: DialectTarget) => void,
): void {
  for (const target of targets) {
    describe(`${title} on ${target.name}`, () => {
      let store: Store | undefined
      beforeAll(async () => {
        store = await target.open()
        await store.migrate()
      })
      afterAll(async () => {
        await store?.close()
      })
      body(() => {
        if (store === undefined) {
          throw new Error(`the ${target.name} store is not open`)
        }
        return store
      }, target)
    })
  }
}
