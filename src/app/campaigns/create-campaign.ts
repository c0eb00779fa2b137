import { DEFAULT_HOLDOUT_SHARE, isHeldOut } from '../../analytics/index.js'
import { can } from '../../domain/access-policy.js'
import { ForbiddenError, ValidationError } from '../../domain/errors.js'
import {
  customersPastRetention,
  getCampaign,
  insertCampaign,
  insertCampaignMembers,
  letGoCustomers,
  type Store,
} from '../../store/index.js'
import { auditAuth } from '../auth/audit.js'
import type { CaseActor } from '../cases/case-support.js'
import { listLostAs } from '../lost-list-as.js'
import { latestOrThrow } from '../outreach/templates.js'
import { cutoffsAt } from '../privacy/privacy-settings.js'
import { type CampaignSegment, type CampaignView, campaignView } from './campaign-view.js'

/** What a new campaign needs. */
export interface CreateCampaignInput {
  readonly name: string
  readonly templateKey: string
  readonly segment: CampaignSegment
  /** the share held out at random, default 10 % (SPEC §5) */
  readonly holdoutShare?: number
  /** YYYY-MM-DD; a campaign with a date is scheduled, one without is a draft */
  readonly scheduledOn?: string
}

/** The new campaign and how its members split. */
export interface CreatedCampaign {
  readonly campaign: CampaignView
  readonly members: number
  readonly treated: number
  readonly holdout: number
}

interface Subject {
  readonly kind: 'customer' | 'deal'
  readonly id: string
  readonly customerId: string
}

// a page as big as the lost list serves, so a large segment takes few reads
const PAGE = 1_000

/** Every row the segment selects for `who`, as subjects (the lost list's scope and filters). */
export async function segmentSubjects(
  store: Store,
  who: CaseActor,
  segment: CampaignSegment,
): Promise<Subject[]> {
  const found: Subject[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await listLostAs(store, who.actor, {
      ...segment,
      limit: PAGE,
      offset,
      sort: 'name',
      cachePages: false,
    })
    found.push(
      ...page.items.map((row) => ({ kind: row.kind, id: row.id, customerId: row.customerId })),
    )
    if (page.items.length < PAGE) {
      return found
    }
  }
}

function checkInput(input: CreateCampaignInput): number {
  const share = input.holdoutShare ?? DEFAULT_HOLDOUT_SHARE
  if (!(share >= 0 && share <= 1)) {
    throw new ValidationError(`the holdout share must be between 0 and 1, not ${share}`)
  }
  if (input.name.trim() === '') {
    throw new ValidationError('a campaign needs a name')
  }
  if (input.scheduledOn !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.scheduledOn)) {
    throw new ValidationError(`the schedule date must be YYYY-MM-DD, not ${input.scheduledOn}`)
  }
  return share
}

/**
 * Makes a campaign from lost-list filters: its members are the rows the filters select for `who`
 * now, frozen (SPEC §5), minus customers let go; each falls in the holdout when the hash of the
 * campaign and subject is below the share, so the split can be checked again at any time.
 * @example await createCampaign(store, who, { name: 'Appreciation day', templateKey: 'fun-email-appreciation-day', segment: { status: 'lost' } })
 */
export async function createCampaign(
  store: Store,
  who: CaseActor,
  input: CreateCampaignInput,
  options: { readonly now?: () => Date } = {},
): Promise<CreatedCampaign> {
  if (!can(who.actor, 'write', { type: 'campaign' })) {
    throw new ForbiddenError(`a ${who.actor.role} may not make campaigns`)
  }
  const share = checkInput(input)
  const template = await latestOrThrow(store, input.templateKey)
  if (template.kind !== 'email') {
    throw new ValidationError(`template ${input.templateKey} is a ${template.kind}, not an email`)
  }
  const all = await segmentSubjects(store, who, input.segment)
  const letGo = await letGoCustomers(store, [...new Set(all.map((row) => row.customerId))])
  const kept = all.filter((row) => !letGo.has(row.customerId))
  // TESTPLAN T24: a customer whose every contact is past retention can't be selected
  const expired = await customersPastRetention(
    store,
    [...new Set(kept.map((row) => row.customerId))],
    await cutoffsAt(store, (options.now ?? (() => new Date()))()),
  )
  const subjects = kept.filter((row) => !expired.has(row.customerId))
  const id = await store.db.transaction().execute(async (trx) => {
    const row = await insertCampaign(trx, {
      name: input.name.trim(),
      template_key: input.templateKey,
      segment_json: JSON.stringify(input.segment),
      holdout_share: share,
      scheduled_on: input.scheduledOn ?? null,
      status: input.scheduledOn === undefined ? 'draft' : 'scheduled',
      excluded_json: JSON.stringify({
        letGo: all.length - kept.length,
        ...(expired.size > 0 ? { pastRetention: kept.length - subjects.length } : {}),
      }),
      // the CLI's local admin (user 0) is nobody in `users`
      created_by: who.actor.userId > 0 ? who.actor.userId : null,
    })
    const campaignId = Number(row.id)
    await insertCampaignMembers(
      trx,
      subjects.map((subject) => ({
        campaign_id: campaignId,
        subject_kind: subject.kind,
        subject_id: subject.id,
        customer_id: subject.customerId,
        arm: armOf(campaignId, subject, share),
      })),
    )
    await auditAuth(trx, who.audit, {
      action: 'create',
      objectType: 'campaign',
      objectId: String(campaignId),
      fields: ['name', 'template_key', 'segment_json', 'holdout_share'],
    })
    return campaignId
  })
  const campaign = campaignView((await getCampaign(store, id)) ?? unreachable(id))
  const holdout = subjects.filter((subject) => armOf(id, subject, share) === 'holdout').length
  return { campaign, members: subjects.length, treated: subjects.length - holdout, holdout }
}

/** The arm of one subject: reproducible from the campaign id and the subject alone. */
export function armOf(
  campaignId: number,
  subject: { readonly kind: string; readonly id: string },
  share: number,
): 'treated' | 'holdout' {
  return isHeldOut(`campaign:${campaignId}`, `${subject.kind}:${subject.id}`, share)
    ? 'holdout'
    : 'treated'
}

function unreachable(id: number): never {
  throw new Error(`campaign ${id} vanished after it was written`)
}
