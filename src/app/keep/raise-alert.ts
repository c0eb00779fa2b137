import { appendAudit, insertAlert, type NewAlert, type Queryable } from '../../store/index.js'

/** The kinds of alert the keep watch raises. */
export type AlertKind = 'reason_recurred' | 'p_alive_slip' | 're_lapse'

// alerts come from background work after an import or a run, so the log names the watch itself
const WATCH_ACTOR = 'keep-watch'

/**
 * Raises an alert once per trigger (the unique key refuses a second) and audits the one it adds,
 * naming no personal values; true when this call added it.
 * @example await raiseAlert(store, { kind: 'p_alive_slip', trigger_key: 'p_alive_slip:case:7:run:12', … })
 */
export async function raiseAlert(
  target: Queryable,
  alert: NewAlert & { readonly kind: AlertKind },
): Promise<boolean> {
  const added = await insertAlert(target, alert)
  if (added) {
    await appendAudit(target, {
      actor: WATCH_ACTOR,
      via: 'job',
      action: 'create',
      objectType: 'alert',
      objectId: alert.trigger_key,
      fields: ['kind', 'owner_id', 'message'],
    })
  }
  return added
}

/** A percentage for a message: 0.384 → "38 %". */
export function percent(probability: number): string {
  return `${Math.round(probability * 100)} %`
}
