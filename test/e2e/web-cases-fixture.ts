import { readKnownLosses } from '../../src/app/cases/known-losses.js'
import { unsettled } from '../../src/app/cases/record-fix.js'
import { readSubjectLoss } from '../../src/app/cases/subject-loss.js'
import { importPastAttempts, listUsers, type Store } from '../../src/app/index.js'
import { addMonths } from '../../src/domain/case-dates.js'
import {
  readCustomerNames,
  readLatestAnalysisRun,
  readLostCustomerScores,
} from '../../src/store/index.js'

/** A person by id and name, as the web app's selects show them. */
export interface NamedUser {
  readonly id: number
  readonly name: string
}

/** Lost customers of the manager's team to open cases on, and the people who work them. */
export interface CaseCast {
  readonly manager: NamedUser
  /** a rep of the manager's team who is not new (so may work a case alone) */
  readonly helperRep: NamedUser
  /** two lost customers, each lost by a rep of the manager's team */
  readonly subjects: readonly {
    readonly customerId: string
    readonly name: string
    readonly losingRep: NamedUser
  }[]
}

/**
 * Picks, from the demo company, lost customers whose losing rep reports to the manager who signs
 * in (so the manager may assign them), and a seasoned rep of that team to work the cases.
 */
export async function findCaseCast(
  store: Store,
  managerEmail: string,
  today: string,
): Promise<CaseCast> {
  const users = await listUsers(store, { activeOnly: true })
  const manager = users.find((user) => user.email === managerEmail)
  if (manager === undefined) {
    throw new Error(`no manager ${managerEmail}`)
  }
  const team = users.filter(
    (user) => user.role === 'rep' && Number(user.manager_id) === Number(manager.id),
  )
  const seasoned = team.filter((user) => addMonths(user.started_on, 6) <= today)
  const run = await readLatestAnalysisRun(store)
  if (run === undefined) {
    throw new Error('the fixture has no analysis run')
  }
  const subjects: { customerId: string; name: string; losingRep: NamedUser }[] = []
  const usedReps = new Set<number>()
  for (const lost of await readLostCustomerScores(store, { runId: run.id })) {
    if (subjects.length === 2 || lost.customer_id.startsWith('XSS')) {
      continue
    }
    const loss = await readSubjectLoss(
      store,
      { kind: 'customer', customerId: lost.customer_id },
      today,
    )
    const rep = seasoned.find((user) => Number(user.id) === loss.losingRepId)
    if (rep !== undefined && !usedReps.has(Number(rep.id))) {
      usedReps.add(Number(rep.id))
      subjects.push({
        customerId: lost.customer_id,
        name: lost.name ?? lost.customer_id,
        losingRep: { id: Number(rep.id), name: rep.name },
      })
    }
  }
  const helper = seasoned.find((user) => !usedReps.has(Number(user.id))) ?? seasoned[0]
  if (subjects.length < 2 || helper === undefined) {
    throw new Error('the demo company has too few lost customers in the manager’s team')
  }
  return {
    manager: { id: Number(manager.id), name: manager.name },
    helperRep: { id: Number(helper.id), name: helper.name },
    subjects,
  }
}

/**
 * What a fix of `reasonCode` in a territory dated `fixedOn` must resurface, worked out from the
 * stored losses (SPEC §3: lost for that reason, in scope, before the date, and not settled), each
 * named as the fixes page names it.
 */
export async function expectedResurfaced(
  store: Store,
  fix: { reasonCode: string; territory: string; fixedOn: string },
): Promise<string[]> {
  const covered = (await readKnownLosses(store)).filter(
    (loss) =>
      loss.reasonCodes.includes(fix.reasonCode) &&
      loss.territory === fix.territory &&
      loss.lostOn !== null &&
      loss.lostOn < fix.fixedOn,
  )
  const open = await unsettled(store, covered)
  const names = await readCustomerNames(
    store,
    open.map((loss) => loss.customerId),
  )
  return open
    .map((loss) => {
      const name = names.get(loss.customerId) ?? loss.customerId
      return loss.subjectKind === 'deal' ? `${name} · lost deal #${loss.dealId ?? ''}` : name
    })
    .sort()
}

/**
 * Loads the demo company's past attempts as ended cases (what `comeback start` does), so some
 * customers are lost for a reason a case found, besides deals with a mapped imported reason.
 */
export async function loadPastAttempts(store: Store): Promise<number> {
  const { created } = await importPastAttempts(store, {
    actor: { userId: 0, role: 'admin', teamUserIds: new Set() },
    audit: { actorUserId: null, via: 'cli', requestId: null, actorLabel: 'e2e' },
  })
  return created
}
