import type { ApiFixture } from '../../../test-support/api-fixture.js'

/**
 * The access matrix's probes (TESTPLAN T9) on the outreach routes. Writes are made harmless: a
 * template with an unknown field (400), a stale If-Match (412), an email to a suppressed contact
 * (409), a bounce of a test address (idempotent).
 */
export interface OutreachProbe {
  readonly path: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
  readonly owner: number | null | 'missing' | 'collection'
  readonly success?: number
}

const seeded = { repAContact: 0, repBContact: 0 }

/** Adds a suppressed contact on rep A's account A-001 and one on rep B's B-001. */
export async function seedOutreachMatrix(fixture: ApiFixture): Promise<void> {
  const db = fixture.store.db
  for (const [customer, field] of [
    ['A-001', 'repAContact'],
    ['B-001', 'repBContact'],
  ] as const) {
    const email = `matrix-${customer.toLowerCase()}@outreach.test`
    const row = await db
      .insertInto('contacts')
      .values({
        contact_key: `matrix-${customer}`,
        customer_id: customer,
        name: 'Matrix Contact',
        email,
        phone: null,
        postal_address: null,
        role: 'decision_maker',
        has_left: 0,
        lawful_basis: 'legitimate_interest',
        basis_source: null,
        basis_on: null,
        consent: 0,
        import_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    seeded[field] = Number(row.id)
    await db
      .insertInto('suppressions')
      .values({
        suppression_key: `email:${email}:do_not_contact`,
        email_normalised: email,
        contact_id: null,
        kind: 'do_not_contact',
        source: 'matrix',
        created_at: new Date().toISOString(),
        created_by: 'test',
      })
      .execute()
  }
}

const TEMPLATE = 'professional-email-what-changed'
const VALID_TEMPLATE = {
  kind: 'email',
  tone: 'professional',
  name: 'Matrix',
  subject: 'Hello {{contact}}',
  body: 'Hi {{contact}}',
}

export const OUTREACH_PROBES: Record<string, (fixture: ApiFixture) => OutreachProbe[]> = {
  listTemplates: () => [
    { path: '/api/templates', owner: 'collection' },
    { path: '/api/templates?kind=letter', owner: 'collection' },
  ],
  getTemplate: () => [
    { path: `/api/templates/${TEMPLATE}`, owner: 'collection' },
    { path: '/api/templates/no-such-template', owner: 'missing' },
  ],
  createTemplate: () => [
    {
      path: '/api/templates',
      body: { ...VALID_TEMPLATE, body: "{{constructor.constructor('x')()}}" },
      owner: 'collection',
      success: 400,
    },
  ],
  updateTemplate: () => [
    {
      path: `/api/templates/${TEMPLATE}`,
      body: VALID_TEMPLATE,
      headers: { 'if-match': '"999999"' },
      owner: 'collection',
      success: 412,
    },
  ],
  previewTemplate: () => [
    { path: `/api/templates/${TEMPLATE}/preview`, body: {}, owner: 'collection' },
  ],
  queueEmail: (fixture) => [
    {
      path: '/api/outbox',
      body: { contactId: seeded.repAContact, templateKey: TEMPLATE },
      owner: fixture.users.repA.id,
      success: 409,
    },
    {
      path: '/api/outbox',
      body: { contactId: seeded.repBContact, templateKey: TEMPLATE },
      owner: fixture.users.repB.id,
      success: 409,
    },
    { path: '/api/outbox', body: { contactId: 999999, templateKey: TEMPLATE }, owner: 'missing' },
  ],
  listOutbox: () => [
    { path: '/api/outbox', owner: 'collection' },
    { path: '/api/outbox?status=sent&limit=5', owner: 'collection' },
  ],
  listSuppressions: () => [{ path: '/api/suppressions?limit=10', owner: 'collection' }],
  recordBounce: () => [
    {
      path: '/api/bounces',
      body: { email: 'bounced@matrix.test' },
      owner: 'collection',
      success: 201,
    },
  ],
}
