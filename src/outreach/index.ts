// the outreach layer's public surface: app imports only from here (STYLE 2.2)
export type {
  ComposedEmail,
  Sender,
  UnsubscribeTargets,
} from './compose-email.js'
export { composeEmail, listUnsubscribeHeaders } from './compose-email.js'
export type { MeetingInvite } from './ics/meeting-invite.js'
export { renderInvite } from './ics/meeting-invite.js'
export type { EnvelopeWindow } from './pdf/envelope-window.js'
export { envelopeWindowFor, maxAddressLines } from './pdf/envelope-window.js'
export type {
  PdfBlock,
  PdfPage,
  PdfPageSize,
  PdfResult,
} from './pdf/pdf-document.js'
export { renderPdf, unprintableCharacters } from './pdf/pdf-document.js'
export type { DkimKey, Mailer, SendReceipt } from './smtp-mailer.js'
export { smtpMailer } from './smtp-mailer.js'
export type { UnsubscribeBinding } from './unsubscribe-token.js'
export {
  isUsableSecret,
  tokenMessageId,
  unsubscribeToken,
  verifyUnsubscribeToken,
} from './unsubscribe-token.js'
