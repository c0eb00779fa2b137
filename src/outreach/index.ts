// the outreach layer's public surface: app imports only from here (STYLE 2.2)
export type {
  ComposedEmail,
  Sender,
  UnsubscribeTargets,
} from './compose-email.js'
export { composeEmail, listUnsubscribeHeaders } from './compose-email.js'
export type { DkimKey, Mailer, SendReceipt } from './smtp-mailer.js'
export { smtpMailer } from './smtp-mailer.js'
export type { UnsubscribeBinding } from './unsubscribe-token.js'
export {
  isUsableSecret,
  tokenMessageId,
  unsubscribeToken,
  verifyUnsubscribeToken,
} from './unsubscribe-token.js'
