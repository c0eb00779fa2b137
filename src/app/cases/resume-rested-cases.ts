import { PreconditionFailedError } from '../../domain/errors.js'
import { stageAfterRest } from '../../domain/win-back-case.js'
import {
  insertCaseEvent,
  listCaseReasons,
  listCaseRows,
  type Store,
  updateCaseVersioned,
} from '../../store/index.js'
import { actorLabel, auditCaseChange, type CaseActor, dayOf } from './case-support.js'
import { caseFacts } from './move-facts.js'

/**
 * Brings back every resting case whose date has come (SPEC "Case states": on the date it comes
 * back with a next step): it returns to the open stage it left, with a next step due today.
 * Idempotent, so the background job can run it any time; a case someone changes meanwhile is left
 * for the next run. It only carries out what the rest asked for, so it needs no role beyond the
 * caller's audit name. Returns the ids brought back.
 * @example const resumed = await resumeRestedCases(store, who, { today: '2024-09-01' })
 */
export async function resumeRestedCases(
  store: Store,
  who: CaseActor,
  options: { readonly today?: string } = {},
): Promise<number[]> {
  const today = dayOf(options.today)
  const resting = await listCaseRows(store, { stages: ['resting'], open: true })
  const resumed: number[] = []
  for (const row of resting) {
    const id = Number(row.id)
    const reasonCount = (await listCaseReasons(store, [id])).length
    const stage = stageAfterRest(caseFacts(row, reasonCount), today)
    if (stage === null) {
      continue
    }
    const step = `Back in touch: the rest they asked for ended on ${row.rest_until ?? today}`
    try {
      await store.db.transaction().execute(async (trx) => {
        await updateCaseVersioned(trx, id, Number(row.version), {
          stage,
          resume_stage: null,
          rest_until: null,
          next_step: step,
          next_step_due_on: today,
        })
        await insertCaseEvent(trx, {
          case_id: id,
          actor: actorLabel(who.audit),
          kind: 'resumed',
          from_stage: 'resting',
          to_stage: stage,
          note: step,
          data_json: null,
        })
        await auditCaseChange(trx, who.audit, {
          action: 'resume',
          objectType: 'case',
          objectId: String(id),
          fields: ['stage', 'resume_stage', 'rest_until', 'next_step', 'next_step_due_on'],
        })
      })
      resumed.push(id)
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) {
        throw error
      }
    }
  }
  return resumed
}
