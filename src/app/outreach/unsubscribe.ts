import { tokenMessageId, verifyUnsubscribeToken } from '../../outreach/index.js'
import { getOutboxMessage, insertSuppression, type Store } from '../../store/index.js'
import { auditAuth } from '../auth/audit.js'

/**
 * One-click unsubscribe (RFC 8058, TESTPLAN T21): a valid token suppresses the recipient's address
 * (and contact) for good; repeating it changes nothing more. A forged or altered token, or none
 * configured, finds nothing and changes nothing.
 * @example await unsubscribeByToken(store, { secret, token, requestId })
 */
export async function unsubscribeByToken(
  store: Store,
  request: { secret: string | null; token: string; requestId: string | null },
): Promise<'unsubscribed' | 'not_found'> {
  const id = tokenMessageId(request.token)
  if (request.secret === null || id === null) {
    return 'not_found'
  }
  const message = await getOutboxMessage(store, id)
  if (message === undefined || message.from_address === null) {
    return 'not_found'
  }
  const binding = { messageId: id, recipient: message.to_normalised, sender: message.from_address }
  if (!verifyUnsubscribeToken(request.secret, request.token, binding)) {
    return 'not_found'
  }
  await store.db.transaction().execute(async (trx) => {
    const added = await insertSuppression(trx, {
      emailNormalised: message.to_normalised,
      contactId: message.contact_id === null ? null : Number(message.contact_id),
      kind: 'unsubscribed',
      source: `one-click unsubscribe, message ${id}`,
      createdBy: 'recipient',
    })
    if (added) {
      await auditAuth(
        trx,
        { actorUserId: null, via: 'api', requestId: request.requestId, actorLabel: 'recipient' },
        { action: 'unsubscribe', objectType: 'suppression', objectId: `message:${id}` },
      )
    }
  })
  return 'unsubscribed'
}

/** Whether a token would unsubscribe someone, without doing it (the GET confirm page). */
export async function isKnownUnsubscribeToken(
  store: Store,
  request: { secret: string | null; token: string },
): Promise<boolean> {
  const id = tokenMessageId(request.token)
  if (request.secret === null || id === null) {
    return false
  }
  const message = await getOutboxMessage(store, id)
  return (
    message?.from_address != null &&
    verifyUnsubscribeToken(request.secret, request.token, {
      messageId: id,
      recipient: message.to_normalised,
      sender: message.from_address,
    })
  )
}
