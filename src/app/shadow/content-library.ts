import { can } from '../../domain/access-policy.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js'
import { isValueKind, type ValueKind } from '../../domain/shadow-cadence.js'
import {
  getShadowContent,
  insertShadowContent,
  listShadowContent,
  retireShadowContent,
  type ShadowContentRow,
  type Store,
} from '../../store/index.js'
import { actorLabel, auditCaseChange, auditDenied, type CaseActor } from '../cases/case-support.js'

/**
 * The shadow portfolio's content library: the case studies, articles and introductions its touches
 * carry. Who writes templates writes it (the policy's template row: admin, VP, managers, analysts);
 * everyone reads it.
 */

/** A library item as lists show it. */
export interface ShadowContentView {
  readonly id: number
  readonly title: string
  readonly url: string
  readonly valueKind: ValueKind
  readonly segment: string | null
  readonly active: boolean
  readonly createdAt: string
}

/** What a new item needs. */
export interface ShadowContentInput {
  readonly title: string
  readonly url: string
  readonly valueKind: string
  readonly segment?: string | null
}

function view(row: ShadowContentRow): ShadowContentView {
  return {
    id: Number(row.id),
    title: row.title,
    url: row.url,
    valueKind: row.value_kind as ValueKind,
    segment: row.segment,
    active: Number(row.active) === 1,
    createdAt: row.created_at,
  }
}

/**
 * The item's fields, checked: a title of 1–200 characters, an http(s) URL, a value kind.
 * @throws ValidationError naming the field
 */
export function checkContentInput(input: ShadowContentInput): {
  title: string
  url: string
  valueKind: ValueKind
  segment: string | null
} {
  const title = input.title.trim()
  if (title === '' || title.length > 200) {
    throw new ValidationError('title: 1 to 200 characters')
  }
  const url = input.url.trim()
  let parsed: URL | null = null
  try {
    parsed = new URL(url)
  } catch {
    parsed = null
  }
  if (parsed === null || !['http:', 'https:'].includes(parsed.protocol) || url.length > 2000) {
    throw new ValidationError('url: an http(s) address of at most 2,000 characters')
  }
  if (!isValueKind(input.valueKind)) {
    throw new ValidationError('valueKind: one of case_study, article, check_in, referral')
  }
  const segment = input.segment?.trim() ?? ''
  if (segment.length > 100) {
    throw new ValidationError('segment: at most 100 characters')
  }
  return { title, url, valueKind: input.valueKind, segment: segment === '' ? null : segment }
}

async function requireWriter(store: Store, who: CaseActor): Promise<void> {
  if (!can(who.actor, 'write', { type: 'template' })) {
    await auditDenied(store, who, 'denied_write', null)
    throw new ForbiddenError(`a ${who.actor.role} may not change the content library`)
  }
}

/**
 * Adds an item to the library.
 * @throws ForbiddenError; ValidationError naming the field
 * @example await addShadowContentAs(store, who, { title: 'How Acme cut downtime', url: 'https://x.test/acme', valueKind: 'case_study' })
 */
export async function addShadowContentAs(
  store: Store,
  who: CaseActor,
  input: ShadowContentInput,
): Promise<ShadowContentView> {
  await requireWriter(store, who)
  const item = checkContentInput(input)
  return store.db.transaction().execute(async (trx) => {
    const row = await insertShadowContent(trx, {
      title: item.title,
      url: item.url,
      value_kind: item.valueKind,
      segment: item.segment,
      created_at: new Date().toISOString(),
      created_by: actorLabel(who.audit),
    })
    await auditCaseChange(trx, who.audit, {
      action: 'create',
      objectType: 'shadow_content',
      objectId: String(row.id),
      fields: ['title', 'url', 'value_kind', 'segment'],
    })
    return view(row)
  })
}

/** The library (everyone reads it); `all` includes retired items. */
export async function listShadowContentAs(
  store: Store,
  _who: CaseActor,
  options: { readonly all?: boolean } = {},
): Promise<ShadowContentView[]> {
  const rows = await listShadowContent(store, { activeOnly: options.all !== true })
  return rows.map(view)
}

/**
 * Retires an item: later touches no longer carry it; past touches still name it. Retiring a
 * retired item again changes nothing (so a repeated request is harmless).
 * @throws ForbiddenError; NotFoundError when there is no such item
 */
export async function retireShadowContentAs(
  store: Store,
  who: CaseActor,
  id: number,
): Promise<void> {
  await requireWriter(store, who)
  await store.db.transaction().execute(async (trx) => {
    if (!(await retireShadowContent(trx, id))) {
      if ((await getShadowContent(trx, id)) === undefined) {
        throw new NotFoundError(`no content item ${id}`)
      }
      return
    }
    await auditCaseChange(trx, who.audit, {
      action: 'retire',
      objectType: 'shadow_content',
      objectId: String(id),
      fields: ['active'],
    })
  })
}
