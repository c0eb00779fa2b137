import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createUser,
  findTotpCredential,
  findUserByEmail,
  openStore,
  type Store,
} from '../store/index.js'
import { storeTargets } from '../test-support/api-fixture.js'
import { decodeBase32 } from './auth/base32.js'
import { verifyPassword } from './auth/password.js'
import { hotp, totpStep } from './auth/totp.js'
import { setUserPassword } from './auth/user-admin.js'
import { newDemoPassword, pickDemoSignInPeople } from './demo/demo-sign-in-people.js'
import type { DemoCompany, DemoRole, DemoUser } from './demo/demo-types.js'
import { demoTotpCode, giveDemoSignIns, usableDemoSignIns } from './demo-sign-ins.js'
import {
  type DemoSignIn,
  demoSignInsFileFor,
  readDemoSignInsFile,
  writeDemoSignInsFile,
} from './demo-sign-ins-file.js'

const person = (email: string, role: DemoRole, leftOn: string | null = null): DemoUser => ({
  email,
  name: email.split('@')[0] ?? email,
  role,
  managerEmail: null,
  startedOn: '2020-01-01',
  leftOn,
  baseCommissionRate: 0,
  territory: null,
})

// two reps: the second owns more accounts and so gets the rep's sign-in; a leaver never does
const COMPANY: Pick<DemoCompany, 'users' | 'customers'> = {
  users: [
    person('ada@demo.test', 'admin'),
    person('vic@demo.test', 'vp'),
    person('mo@demo.test', 'manager'),
    person('gone@demo.test', 'rep', '2024-01-01'),
    person('rae@demo.test', 'rep'),
    person('rob@demo.test', 'rep'),
    person('ann@demo.test', 'analyst'),
  ],
  customers: [
    {
      id: 'C1',
      name: 'One',
      segment: 'Enterprise',
      territory: 'North',
      ownerEmail: 'rob@demo.test',
    },
    {
      id: 'C2',
      name: 'Two',
      segment: 'Enterprise',
      territory: 'North',
      ownerEmail: 'rob@demo.test',
    },
    {
      id: 'C3',
      name: 'Three',
      segment: 'Enterprise',
      territory: 'North',
      ownerEmail: 'gone@demo.test',
    },
    {
      id: 'C4',
      name: 'Four',
      segment: 'Enterprise',
      territory: 'North',
      ownerEmail: 'gone@demo.test',
    },
    {
      id: 'C5',
      name: 'Five',
      segment: 'Enterprise',
      territory: 'North',
      ownerEmail: 'gone@demo.test',
    },
    {
      id: 'C6',
      name: 'Six',
      segment: 'Enterprise',
      territory: 'North',
      ownerEmail: 'rae@demo.test',
    },
  ],
}

async function seedUsers(store: Store): Promise<void> {
  await store.migrate()
  for (const user of COMPANY.users) {
    await createUser(store, {
      email: user.email,
      name: user.name,
      role: user.role,
      manager_id: null,
      started_on: user.startedOn,
      active: user.leftOn === null ? 1 : 0,
      password_hash: null,
    })
  }
}

describe('demo passwords and who gets them', () => {
  it('makes 23-character passwords of four readable groups, never the same twice', () => {
    const passwords = Array.from({ length: 200 }, newDemoPassword)
    for (const password of passwords) {
      expect(password).toMatch(/^[a-hjkmnp-z2-9]{5}(-[a-hjkmnp-z2-9]{5}){3}$/)
    }
    expect(new Set(passwords).size).toBe(passwords.length)
  })

  it('picks one active user per role, the rep who owns the most accounts', () => {
    const picked = pickDemoSignInPeople(COMPANY)
    expect(picked.map((user) => [user.role, user.email])).toEqual([
      ['admin', 'ada@demo.test'],
      ['vp', 'vic@demo.test'],
      ['manager', 'mo@demo.test'],
      ['rep', 'rob@demo.test'],
      ['analyst', 'ann@demo.test'],
    ])
  })
})

describe.each(await storeTargets())('demo sign-ins on $name', (target) => {
  let store: Store
  let cleanup: () => Promise<void>
  let signIns: DemoSignIn[]

  beforeAll(async () => {
    ;({ store, cleanup } = await target.open())
    await seedUsers(store)
    signIns = await giveDemoSignIns(store, COMPANY, { actor: 'local-admin', preEnrol: true })
  })
  afterAll(async () => {
    await store.close()
    await cleanup()
  })

  it('stores argon2id hashes that match the passwords, and no password in plain text', async () => {
    expect(signIns).toHaveLength(5)
    for (const signIn of signIns) {
      const user = await findUserByEmail(store, signIn.email)
      expect(user?.password_hash).toMatch(/^\$argon2id\$/)
      expect(user?.password_hash).not.toContain(signIn.password)
      expect(await verifyPassword(user?.password_hash ?? null, signIn.password)).toBe(true)
    }
  })

  it.runIf(target.name === 'sqlite')('leaves no password anywhere in the database file', () => {
    store.sqlite().pragma('wal_checkpoint(TRUNCATE)')
    const bytes = readFileSync(store.url)
    expect(bytes.length).toBeGreaterThan(0)
    for (const signIn of signIns) {
      expect(bytes.includes(Buffer.from(signIn.password))).toBe(false)
      expect(bytes.includes(Buffer.from(signIn.email))).toBe(true)
    }
  })

  it('pre-enrols a confirmed second factor for admin and VP only', async () => {
    for (const signIn of signIns) {
      const user = await findUserByEmail(store, signIn.email)
      const credential = await findTotpCredential(store, Number(user?.id))
      if (signIn.role === 'admin' || signIn.role === 'vp') {
        expect(credential?.secret_base32).toBe(signIn.totpSecret)
        expect(credential?.confirmed_at).not.toBeNull()
        expect(signIn.recoveryCodes).toHaveLength(10)
      } else {
        expect(credential).toBeUndefined()
        expect(signIn.totpSecret).toBeNull()
      }
    }
  })

  it('prints the current code of a demo admin, and refuses anyone without a saved secret', async () => {
    const admin = signIns.find((signIn) => signIn.role === 'admin') as DemoSignIn
    const at = new Date('2026-01-01T00:00:10Z')
    const { code, secondsLeft } = await demoTotpCode(store, signIns, admin.email.toUpperCase(), at)
    expect(code).toBe(hotp(decodeBase32(admin.totpSecret ?? ''), totpStep(at)))
    expect(secondsLeft).toBe(20)
    await expect(demoTotpCode(store, signIns, 'mo@demo.test')).rejects.toThrow(
      /not a demo user with a saved second factor/,
    )
    await expect(demoTotpCode(store, signIns, 'someone@else.test')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('stops showing a sign-in whose password or second factor changed since', async () => {
    expect(await usableDemoSignIns(store, signIns)).toHaveLength(5)
    await setUserPassword(store, 'mo@demo.test', 'a brand new password', {
      actorUserId: null,
      via: 'cli',
      requestId: null,
    })
    const vp = signIns.find((signIn) => signIn.role === 'vp') as DemoSignIn
    const forged = signIns.map((signIn) =>
      signIn.role === 'vp' ? { ...signIn, totpSecret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } : signIn,
    )
    const usable = await usableDemoSignIns(store, forged)
    expect(usable.map((signIn) => signIn.role)).toEqual(['admin', 'rep', 'analyst'])
    await expect(demoTotpCode(store, forged, vp.email)).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('gives no second factor without a file to keep it in (admin and VP enrol themselves)', async () => {
    const again = await giveDemoSignIns(store, COMPANY, { actor: 'local-admin', preEnrol: false })
    expect(again.every((signIn) => signIn.totpSecret === null)).toBe(true)
    expect(again.every((signIn) => signIn.recoveryCodes.length === 0)).toBe(true)
  })
})

describe('the sign-ins file beside a SQLite database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-sign-ins-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is named after the database, 0600, read back as written; none for :memory:', async () => {
    const store = await openStore(join(dir, 'demo.db'))
    const memory = await openStore(':memory:')
    try {
      const file = demoSignInsFileFor(store)
      expect(file).toBe(join(dir, 'demo.db.demo-sign-ins.json'))
      expect(demoSignInsFileFor(memory)).toBeNull()
      expect(readDemoSignInsFile(file ?? '')).toBeNull()
      const saved: DemoSignIn[] = [
        {
          role: 'rep',
          email: 'rob@demo.test',
          name: 'Rob',
          password: newDemoPassword(),
          totpSecret: null,
          recoveryCodes: [],
        },
      ]
      writeDemoSignInsFile(file ?? '', saved)
      writeDemoSignInsFile(file ?? '', saved)
      expect(statSync(file ?? '').mode & 0o777).toBe(0o600)
      expect(readDemoSignInsFile(file ?? '')).toEqual(saved)
    } finally {
      await store.close()
      await memory.close()
    }
  })

  it('refuses a file that does not hold sign-ins', () => {
    const file = join(dir, 'other.db.demo-sign-ins.json')
    writeDemoSignInsFile(file, [])
    const text = readFileSync(file, 'utf8').replace('"signIns"', '"something"')
    writeFileSync(file, text)
    expect(() => readDemoSignInsFile(file)).toThrow(/does not hold demo sign-ins/)
  })
})
