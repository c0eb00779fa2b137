import { isValueKind } from '../../domain/shadow-cadence.js'
import {
  listShadowTouchesOf,
  listTouches,
  readOutboxStatuses,
  type Store,
} from '../../store/index.js'
import { getCustomerAs } from '../auth/authorized-reads.js'
import type { CaseActor } from '../cases/case-support.js'

/** One touch on a customer's timeline (issue 6 item 7: every touch lands there). */
export interface ShadowTimelineEntry {
  readonly id: number
  readonly at: string
  /** email, letter, card, call, meeting, gift */
  readonly channel: string
  /** what it was: a value kind for shadow touches (case_study …), else the sender's kind */
  readonly kind: string
  readonly note: string | null
  readonly actor: string
  /** whether this touch kept the customer warm in the shadow portfolio */
  readonly shadow: boolean
  /** for an email: its outbox state (queued, sent, suppressed …) */
  readonly deliveryStatus: string | null
  readonly contentTitle: string | null
}

/**
 * Every touch of a customer, newest first, if `who` may read the customer (a hidden one answers
 * like a missing one): emails, letters, calls, meetings, gifts, with the shadow portfolio's value
 * kind and whether an email went out.
 * @throws NotFoundError for a missing or hidden customer
 */
export async function listShadowTimelineAs(
  store: Store,
  who: CaseActor,
  customerId: string,
): Promise<ShadowTimelineEntry[]> {
  await getCustomerAs(store, who.actor, customerId, who.audit)
  const [touches, shadow] = await Promise.all([
    listTouches(store, customerId),
    listShadowTouchesOf(store, customerId),
  ])
  const byOutbox = new Map(
    shadow
      .filter((row) => row.outbox_message_id !== null)
      .map((row) => [Number(row.outbox_message_id), row]),
  )
  const statuses = await readOutboxStatuses(
    store,
    touches.flatMap((row) =>
      row.outbox_message_id === null ? [] : [Number(row.outbox_message_id)],
    ),
  )
  return touches.map((row) => {
    const outboxId = row.outbox_message_id === null ? null : Number(row.outbox_message_id)
    const planned = outboxId === null ? undefined : byOutbox.get(outboxId)
    // value kinds are written only by shadow touches (the send path writes `win_back_email`)
    const isShadow = planned !== undefined || isValueKind(row.kind)
    return {
      id: Number(row.id),
      at: row.at,
      channel: row.channel,
      kind: row.kind,
      note: row.note,
      actor: row.actor,
      shadow: isShadow,
      deliveryStatus: outboxId === null ? null : (statuses.get(outboxId) ?? null),
      contentTitle: planned?.content_title ?? null,
    }
  })
}
