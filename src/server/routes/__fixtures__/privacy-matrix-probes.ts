import type { ApiFixture } from '../../../test-support/api-fixture.js'

/**
 * The access matrix's probes (TESTPLAN T9) on the privacy routes: erasure of a customer seeded for
 * it, the access export, and touches recorded on rep A's and rep B's accounts.
 */
export interface PrivacyProbe {
  readonly path: string
  readonly body?: unknown
  readonly owner: number | null | 'missing' | 'collection'
  readonly success?: number
}

/** The customer the matrix erases (erasing it again is harmless). */
export const ERASE_PROBE_CUSTOMER = 'P-ERASE'

/**
 * Adds that customer and a contact, written by an import that failed: erasure reaches such rows
 * too, while every list (and the matrix's customer counts) leaves them out.
 */
export async function seedPrivacyMatrix(fixture: ApiFixture): Promise<void> {
  const db = fixture.store.db
  const at = new Date().toISOString()
  const failed = await db
    .insertInto('imports')
    .values({
      kind: 'customers',
      file_name: 'privacy-matrix.csv',
      file_sha256: 'privacy-matrix',
      status: 'failed',
      actor: 'test',
      started_at: at,
      heartbeat_at: at,
      finished_at: at,
      read_count: 0,
      inserted_count: 0,
      updated_count: 0,
      unchanged_count: 0,
      rejected_count: 0,
      rejects_file: null,
      error: 'left failed for the privacy matrix',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const importId = Number(failed.id)
  await db
    .insertInto('customers')
    .values({
      id: ERASE_PROBE_CUSTOMER,
      name: 'Privacy Matrix Holdings',
      segment: null,
      territory: null,
      owner_id: null,
      created_at: at,
      import_id: importId,
    })
    .execute()
  await db
    .insertInto('contacts')
    .values({
      contact_key: 'matrix-erase',
      customer_id: ERASE_PROBE_CUSTOMER,
      name: 'Erin Erasable',
      email: 'erin.erasable@privacy.test',
      phone: null,
      postal_address: null,
      role: 'decision_maker',
      has_left: 0,
      lawful_basis: 'legitimate_interest',
      basis_source: null,
      basis_on: null,
      consent: 0,
      import_id: importId,
    })
    .execute()
}

const TOUCH = { channel: 'call', note: 'matrix call' }

export const PRIVACY_PROBES: Record<string, (fixture: ApiFixture) => PrivacyProbe[]> = {
  eraseCustomer: () => [
    { path: `/api/customers/${ERASE_PROBE_CUSTOMER}/erase`, owner: null },
    { path: '/api/customers/Z-999/erase', owner: 'missing' },
  ],
  getPersonalData: (fixture) => [
    { path: '/api/customers/A-001/personal-data', owner: fixture.users.repA.id },
    { path: '/api/customers/B-001/personal-data', owner: fixture.users.repB.id },
    { path: '/api/customers/Z-999/personal-data', owner: 'missing' },
  ],
  recordTouch: (fixture) => [
    { path: '/api/customers/A-001/touches', body: TOUCH, owner: fixture.users.repA.id },
    { path: '/api/customers/B-001/touches', body: TOUCH, owner: fixture.users.repB.id },
    { path: '/api/customers/Z-999/touches', body: TOUCH, owner: 'missing' },
  ],
  listTouches: (fixture) => [
    { path: '/api/customers/A-001/touches', owner: fixture.users.repA.id },
    { path: '/api/customers/B-001/touches', owner: fixture.users.repB.id },
    { path: '/api/customers/Z-999/touches', owner: 'missing' },
  ],
}
