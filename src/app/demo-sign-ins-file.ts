import { randomBytes } from 'node:crypto'
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import { ComebackError } from '../domain/errors.js'
import type { Store } from '../store/index.js'

/** One demo user's way in: email and password, and for admin and VP their second factor. */
export interface DemoSignIn {
  readonly role: 'admin' | 'vp' | 'manager' | 'rep' | 'analyst'
  readonly email: string
  readonly name: string
  readonly password: string
  /** the base32 TOTP secret of a pre-enrolled second factor (admin and VP), else null */
  readonly totpSecret: string | null
  /** one-time recovery codes of that second factor (each works once), else empty */
  readonly recoveryCodes: readonly string[]
}

const signInSchema = z.object({
  role: z.enum(['admin', 'vp', 'manager', 'rep', 'analyst']),
  email: z.string().min(3),
  name: z.string(),
  password: z.string().min(12),
  totpSecret: z.string().nullable(),
  recoveryCodes: z.array(z.string()),
})

const fileSchema = z.object({ signIns: z.array(signInSchema) })

/** How the file beside a SQLite database `x.db` is named: `x.db.demo-sign-ins.json`. */
export const DEMO_SIGN_INS_SUFFIX = '.demo-sign-ins.json'

/**
 * Where a database keeps its demo sign-ins: beside a SQLite file; null for PostgreSQL (whose
 * sign-ins are shown once, at the load) and for an in-memory database.
 * @example demoSignInsFileFor(store) // './comeback.db.demo-sign-ins.json'
 */
export function demoSignInsFileFor(store: Store): string | null {
  if (store.dialect !== 'sqlite' || store.url === ':memory:' || store.url === '') {
    return null
  }
  return `${store.url}${DEMO_SIGN_INS_SUFFIX}`
}

/**
 * Writes the sign-ins to `path`, readable by the owner only (mode 0600): written to a new file
 * of that mode beside it and renamed over, so no moment exists where the secrets are in a file
 * others may read, or in half a file.
 * @throws ComebackError INTERNAL naming the path when it cannot be written
 */
export function writeDemoSignInsFile(path: string, signIns: readonly DemoSignIn[]): void {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
  const body = {
    about:
      'Demo sign-ins of the Comeback demo company in the database beside this file. Keep it private; delete it to stop `comeback start` printing them (the users keep their passwords).',
    signIns,
  }
  try {
    writeFileSync(temporary, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    const reason = error instanceof Error ? error.message : String(error)
    throw new ComebackError(
      'INTERNAL',
      `the demo sign-ins could not be saved to ${path}: ${reason}`,
      {
        cause: error,
      },
    )
  }
}

/**
 * The sign-ins saved at `path`, or null when there is no such file.
 * @throws ComebackError INVALID_INPUT when the file is not what `writeDemoSignInsFile` wrote
 */
export function readDemoSignInsFile(path: string): DemoSignIn[] | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return null
    }
    throw error
  }
  try {
    return fileSchema.parse(JSON.parse(text)).signIns
  } catch (error) {
    throw new ComebackError('INVALID_INPUT', `${path} does not hold demo sign-ins`, {
      cause: error,
    })
  }
}
