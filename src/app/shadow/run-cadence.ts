import { hasShadowTouch, insertTask, type Store } from '../../store/index.js'
import { actorLabel, auditCaseChange, type CaseActor, dayOf } from '../cases/case-support.js'
import { planShadowPortfolio, type ShadowMember } from './shadow-plan.js'
import { readShadowFacts } from './shadow-portfolio.js'
import { getShadowSettings } from './shadow-settings.js'
import { makeShadowTouch, type TouchOutcome } from './shadow-touch.js'

/** What one cadence run did. */
export interface CadenceOutcome {
  readonly members: number
  readonly emailed: number
  readonly tasks: number
  /** lost deals whose supplier choice is near: a task for the owner and a touch, once per date */
  readonly radar: number
  /** touches a previous run already made */
  readonly already: number
  /** due members with neither an emailable contact nor an owner to call them */
  readonly noOwner: number
}

/**
 * The `shadow.cadence` job (issue 6 item 6): plans the portfolio on `today` and makes every due
 * touch, and for every lost deal now on the radar a "they choose a supplier on DATE" task and a
 * touch. Idempotent: a touch is keyed by its subject and due day (`shadow:<subject>:<day>`), a
 * radar touch by its deal and choice date, and each key makes its message, task and record once;
 * once made, the touch moves the subject's next touch a whole cadence on.
 * @example const outcome = await runShadowCadence(store, workerActor('cli'), { today: '2026-11-23' })
 */
export async function runShadowCadence(
  store: Store,
  who: CaseActor,
  options: { readonly today?: string; readonly now?: () => Date } = {},
): Promise<CadenceOutcome> {
  const today = dayOf(options.today)
  const settings = await getShadowSettings(store)
  const facts = await readShadowFacts(store, today, { recordStart: true })
  const plan = planShadowPortfolio(facts, settings, today)
  const counts = { emailed: 0, tasks: 0, radar: 0, already: 0, noOwner: 0 }
  const clock = (options.now ?? (() => new Date()))().toISOString().slice(10)
  const at = `${today}${clock}`
  const tally = (outcome: TouchOutcome) => {
    const key = (
      { emailed: 'emailed', task: 'tasks', already: 'already', no_owner: 'noOwner' } as const
    )[outcome]
    counts[key] += 1
  }
  for (const member of plan.members) {
    let touchedToday = false
    if (member.onRadar && member.nextChoiceOn !== null) {
      const radarKey = `radar:${member.dealId}:${member.nextChoiceOn}`
      if (!(await hasShadowTouch(store, radarKey))) {
        await radarTask(store, who, member, member.nextChoiceOn, today)
        counts.radar += 1
        tally(
          await makeShadowTouch(store, who, {
            member,
            touchKey: radarKey,
            kind: member.nextValueKind,
            contentId: member.contentId,
            tone: settings.tone,
            today,
            at,
          }),
        )
        touchedToday = true
      }
    }
    if (member.due && !touchedToday) {
      tally(
        await makeShadowTouch(store, who, {
          member,
          touchKey: `shadow:${member.subjectKey}:${member.nextTouchOn}`,
          kind: member.nextValueKind,
          contentId: member.contentId,
          tone: settings.tone,
          today,
          at,
        }),
      )
    }
  }
  return { members: plan.members.length, ...counts }
}

// "they choose a supplier on DATE": the owner's reminder to be in the running (SPEC §7)
async function radarTask(
  store: Store,
  who: CaseActor,
  member: ShadowMember,
  choiceOn: string,
  today: string,
): Promise<void> {
  if (member.ownerId === null) {
    return
  }
  const ownerId = member.ownerId
  await store.db.transaction().execute(async (trx) => {
    const task = await insertTask(trx, {
      owner_id: ownerId,
      customer_id: member.customerId,
      deal_id: member.dealId,
      case_id: null,
      kind: 'supplier_choice',
      title: `${member.name ?? member.customerId}: they choose a supplier on ${choiceOn}`,
      // now: the radar opens early enough to get into the running before the choice
      due_on: today,
      source_key: `radar-task:${member.dealId}:${choiceOn}`,
      created_by: actorLabel(who.audit),
    })
    if (task.created) {
      await auditCaseChange(trx, who.audit, {
        action: 'create',
        objectType: 'task',
        objectId: String(task.id),
        fields: ['kind', 'due_on'],
      })
    }
  })
}
