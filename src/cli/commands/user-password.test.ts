import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createUser, findUserByEmail, openStore, verifyPassword } from '../../app/index.js'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']

describe('comeback user set-password', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-password-'))
  const db = join(dir, 'users.db')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('stores an argon2id hash of the password read from stdin, never echoing it', async () => {
    const store = await openStore(db)
    await store.migrate()
    await createUser(store, {
      email: 'first.admin@comeback.test',
      name: 'First Admin',
      role: 'admin',
      started_on: '2024-01-01',
    })
    await store.close()
    const password = 'a long enough first password'
    const run = spawnSync(
      process.execPath,
      [...CLI, '--db', db, 'user', 'set-password', '--email', 'first.admin@comeback.test'],
      { input: `${password}\n`, encoding: 'utf8' },
    )
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).not.toContain(password)
    const reopened = await openStore(db)
    const user = await findUserByEmail(reopened, 'first.admin@comeback.test')
    await reopened.close()
    expect(user?.password_hash).toMatch(/^\$argon2id\$/)
    expect(await verifyPassword(user?.password_hash ?? null, password)).toBe(true)
  })

  it('refuses a password that is too short, with exit code 2', () => {
    const run = spawnSync(
      process.execPath,
      [...CLI, '--db', db, 'user', 'set-password', '--email', 'first.admin@comeback.test'],
      { input: 'short\n', encoding: 'utf8' },
    )
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/12 to 256 characters/)
  })
})
