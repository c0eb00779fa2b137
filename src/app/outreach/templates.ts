import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../domain/errors.js'
import {
  isTemplateKind,
  isTemplateTone,
  type TemplateKind,
  type TemplateTone,
} from '../../domain/template.js'
import { validateTemplateText } from '../../domain/template-render.js'
import {
  getLatestTemplate,
  getTemplateById,
  insertTemplateVersion,
  isUniqueViolation,
  listLatestTemplates,
  type Store,
  type TemplateRow,
} from '../../store/index.js'
import { actorLabel, auditAuth } from '../auth/audit.js'
import { assertMayAccess } from '../auth/authorized-reads.js'
import type { CaseActor } from '../cases/case-support.js'

/** A template as the API and CLI show it (the newest version unless asked for one). */
export interface TemplateView {
  readonly id: number
  readonly key: string
  readonly version: number
  readonly kind: TemplateKind
  readonly tone: TemplateTone
  readonly name: string
  readonly subject: string | null
  readonly body: string
  readonly shipped: boolean
  readonly createdAt: string
}

/** What a new template or a new version of one says. */
export interface TemplateInput {
  readonly kind: TemplateKind
  readonly tone: TemplateTone
  readonly name: string
  readonly subject: string | null
  readonly body: string
}

export function templateView(row: TemplateRow): TemplateView {
  return {
    id: Number(row.id),
    key: row.template_key,
    version: Number(row.version),
    kind: isTemplateKind(row.kind) ? row.kind : 'email',
    tone: isTemplateTone(row.tone) ? row.tone : 'professional',
    name: row.name,
    subject: row.subject,
    body: row.body,
    shipped: Number(row.shipped) === 1,
    createdAt: row.created_at,
  }
}

/** The newest version of every template (templates: everyone reads, SPEC access policy). */
export async function listTemplatesAs(
  store: Store,
  who: CaseActor,
  kind?: TemplateKind,
): Promise<TemplateView[]> {
  await assertMayAccess(store, { actor: who.actor, action: 'read', type: 'template' }, who.audit)
  return (await listLatestTemplates(store, kind)).map(templateView)
}

/** The newest version of the template with `key`. */
export async function getTemplateAs(
  store: Store,
  who: CaseActor,
  key: string,
): Promise<TemplateView> {
  await assertMayAccess(store, { actor: who.actor, action: 'read', type: 'template' }, who.audit)
  return templateView(await latestOrThrow(store, key))
}

export async function latestOrThrow(store: Store, key: string): Promise<TemplateRow> {
  const row = await getLatestTemplate(store, key)
  if (row === undefined) {
    throw new NotFoundError(`no template ${key}`)
  }
  return row
}

/** One template version by id, for the outbox (which keeps the exact version it queued). */
export async function templateVersion(store: Store, id: number): Promise<TemplateRow> {
  const row = await getTemplateById(store, id)
  if (row === undefined) {
    throw new NotFoundError(`no template version ${id}`)
  }
  return row
}

/**
 * Saves a new template (version 1). Unknown merge fields are refused here, at save time (T15).
 * Managers, VP, analysts and admins write templates; reps read them.
 */
export async function createTemplate(
  store: Store,
  who: CaseActor,
  input: TemplateInput,
): Promise<TemplateView> {
  await assertMayAccess(store, { actor: who.actor, action: 'write', type: 'template' }, who.audit)
  checkInput(input)
  const key = `${input.tone}-${input.kind}-${slug(input.name)}`
  if ((await getLatestTemplate(store, key)) !== undefined) {
    throw new ConflictError(`a template ${key} exists already: change it instead`)
  }
  return saveVersion(store, who, { key, version: 1, input })
}

/**
 * Saves a change as the next version of `key`. With `expectedVersion` (If-Match), a change made
 * meanwhile by someone else is refused rather than overwritten.
 */
export async function updateTemplate(
  store: Store,
  who: CaseActor,
  change: { key: string; expectedVersion?: number; input: TemplateInput },
): Promise<TemplateView> {
  await assertMayAccess(store, { actor: who.actor, action: 'write', type: 'template' }, who.audit)
  checkInput(change.input)
  const current = await latestOrThrow(store, change.key)
  if (change.expectedVersion !== undefined && change.expectedVersion !== Number(current.version)) {
    throw new PreconditionFailedError(
      `template ${change.key} changed meanwhile: it is at version ${current.version} now`,
    )
  }
  return saveVersion(store, who, {
    key: change.key,
    version: Number(current.version) + 1,
    input: change.input,
  })
}

async function saveVersion(
  store: Store,
  who: CaseActor,
  next: { key: string; version: number; input: TemplateInput },
): Promise<TemplateView> {
  try {
    const row = await store.db.transaction().execute(async (trx) => {
      const saved = await insertTemplateVersion(trx, {
        template_key: next.key,
        version: next.version,
        kind: next.input.kind,
        tone: next.input.tone,
        name: next.input.name.trim(),
        subject: next.input.kind === 'email' ? next.input.subject : null,
        body: next.input.body,
        shipped: 0,
        created_by: actorLabel(who.audit),
      })
      await auditAuth(trx, who.audit, {
        action: next.version === 1 ? 'create' : 'update',
        objectType: 'template',
        objectId: String(saved.id),
        fields: ['kind', 'tone', 'name', 'subject', 'body'],
      })
      return saved
    })
    return templateView(row)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`template ${next.key} changed meanwhile: reload it and try again`, {
        cause: error,
      })
    }
    throw error
  }
}

function checkInput(input: TemplateInput): void {
  if (input.name.trim() === '') {
    throw new ValidationError('a template needs a name')
  }
  validateTemplateText(input)
}

function slug(name: string): string {
  const text = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return text === '' ? 'template' : text.slice(0, 60)
}
