import { isWithinScope, ownerFilter, scopeOf } from '../../domain/access-policy.js'
import { ConflictError, NotFoundError } from '../../domain/errors.js'
import {
  type AlertRow,
  acknowledgeAlert,
  getAlert,
  listAlerts,
  readCustomerNames,
  type Store,
} from '../../store/index.js'
import { auditCaseChange, type CaseActor } from '../cases/case-support.js'

/** An alert as lists show it. */
export interface AlertView {
  readonly id: number
  readonly kind: string
  readonly customerId: string
  readonly customerName: string | null
  readonly caseId: number | null
  readonly ownerId: number | null
  readonly message: string
  readonly createdAt: string
  readonly acknowledgedBy: number | null
  readonly acknowledgedAt: string | null
}

function view(row: AlertRow, names: ReadonlyMap<string, string | null>): AlertView {
  return {
    id: Number(row.id),
    kind: row.kind,
    customerId: row.customer_id,
    customerName: names.get(row.customer_id) ?? null,
    caseId: row.case_id === null ? null : Number(row.case_id),
    ownerId: row.owner_id === null ? null : Number(row.owner_id),
    message: row.message,
    createdAt: row.created_at,
    acknowledgedBy: row.acknowledged_by === null ? null : Number(row.acknowledged_by),
    acknowledgedAt: row.acknowledged_at,
  }
}

/**
 * The alerts the actor may see, newest first: a rep their own, a manager their team's, the VP,
 * admin and analysts all (the case row of the access policy); `open` keeps the unacknowledged.
 * @example const mine = await listAlertsAs(store, who, { open: true })
 */
export async function listAlertsAs(
  store: Store,
  who: CaseActor,
  options: { readonly open?: boolean; readonly customerId?: string } = {},
): Promise<AlertView[]> {
  const owners = ownerFilter(who.actor, scopeOf(who.actor.role, 'read', 'case'))
  const rows = await listAlerts(store, {
    ...(owners === null ? {} : { ownerIds: owners }),
    ...(options.open === true ? { open: true } : {}),
    ...(options.customerId === undefined ? {} : { customerId: options.customerId }),
  })
  const names = await readCustomerNames(store, [...new Set(rows.map((row) => row.customer_id))])
  return rows.map((row) => view(row, names))
}

/**
 * Acknowledges an alert the actor may act on (their own, their team's, or any for the VP and
 * admin). A conditional update: of two people acknowledging at once, one wins, the other gets a
 * conflict; audited once.
 * @throws NotFoundError for an alert they may not see; ConflictError when already acknowledged
 * @example await acknowledgeAlertAs(store, who, 41)
 */
export async function acknowledgeAlertAs(
  store: Store,
  who: CaseActor,
  alertId: number,
): Promise<AlertView> {
  const row = await getAlert(store, alertId)
  const scope = scopeOf(who.actor.role, 'write', 'case')
  const ownerId = row?.owner_id == null ? null : Number(row.owner_id)
  if (row === undefined || !isWithinScope(who.actor, scope, ownerId)) {
    if (row !== undefined) {
      await auditCaseChange(store, who.audit, {
        action: 'denied_write',
        objectType: 'alert',
        objectId: String(alertId),
        fields: [],
      })
    }
    throw new NotFoundError(`alert ${alertId} not found`)
  }
  await store.db.transaction().execute(async (trx) => {
    // the CLI's local admin (user 0) is nobody in `users`
    const done = await acknowledgeAlert(
      trx,
      alertId,
      who.actor.userId > 0 ? who.actor.userId : null,
    )
    if (!done) {
      throw new ConflictError(`alert ${alertId} was already acknowledged`)
    }
    await auditCaseChange(trx, who.audit, {
      action: 'acknowledge',
      objectType: 'alert',
      objectId: String(alertId),
      fields: ['acknowledged_by', 'acknowledged_at'],
    })
  })
  const names = await readCustomerNames(store, [row.customer_id])
  return view((await getAlert(store, alertId)) ?? row, names)
}
