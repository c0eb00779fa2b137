import { readFileSync } from 'node:fs'
import { ValidationError } from '../../domain/errors.js'
import { isPlainEmail } from '../../domain/suppression.js'
import { type DkimKey, isUsableSecret } from '../../outreach/index.js'

/**
 * Email's deployment settings (SPEC Decisions: settings come from the environment or flags; README
 * "Email"). Each may be missing: what needs it says which variable to set.
 */
export interface OutreachConfig {
  /** `COMEBACK_SMTP_URL`, e.g. `smtp://127.0.0.1:2525` */
  readonly smtpUrl: string | null
  /** `COMEBACK_PUBLIC_URL`: the https base of unsubscribe links */
  readonly publicUrl: string | null
  /** `COMEBACK_MAIL_FROM`: the sender's address */
  readonly fromAddress: string | null
  /** `COMEBACK_MAIL_FROM_NAME` */
  readonly fromName: string | null
  /** `COMEBACK_POSTAL_ADDRESS`: the sender's postal address, in every commercial message */
  readonly postalAddress: string | null
  /** `COMEBACK_UNSUBSCRIBE_SECRET`: keys the unsubscribe tokens (32 characters or more) */
  readonly unsubscribeSecret: string | null
  /** `COMEBACK_UNSUBSCRIBE_MAILTO`: the mailto of List-Unsubscribe; default the from address */
  readonly unsubscribeMailto: string | null
  /** `COMEBACK_DKIM_DOMAIN`, `COMEBACK_DKIM_SELECTOR`, `COMEBACK_DKIM_KEY_FILE` (all or none) */
  readonly dkim: DkimKey | null
}

function value(env: NodeJS.ProcessEnv, name: string): string | null {
  const text = env[name]?.trim()
  return text === undefined || text === '' ? null : text
}

/**
 * Reads the email settings from `env` (default `process.env`).
 * @throws ValidationError when a DKIM setting is given without the others
 */
export function outreachConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OutreachConfig {
  const domainName = value(env, 'COMEBACK_DKIM_DOMAIN')
  const keySelector = value(env, 'COMEBACK_DKIM_SELECTOR')
  const keyFile = value(env, 'COMEBACK_DKIM_KEY_FILE')
  const dkimParts = [domainName, keySelector, keyFile].filter((part) => part !== null).length
  if (dkimParts !== 0 && dkimParts !== 3) {
    throw new ValidationError(
      'DKIM signing needs COMEBACK_DKIM_DOMAIN, COMEBACK_DKIM_SELECTOR and COMEBACK_DKIM_KEY_FILE together',
    )
  }
  return {
    smtpUrl: value(env, 'COMEBACK_SMTP_URL'),
    publicUrl: value(env, 'COMEBACK_PUBLIC_URL'),
    fromAddress: value(env, 'COMEBACK_MAIL_FROM'),
    fromName: value(env, 'COMEBACK_MAIL_FROM_NAME'),
    postalAddress: value(env, 'COMEBACK_POSTAL_ADDRESS'),
    unsubscribeSecret: value(env, 'COMEBACK_UNSUBSCRIBE_SECRET'),
    unsubscribeMailto: value(env, 'COMEBACK_UNSUBSCRIBE_MAILTO'),
    dkim:
      domainName !== null && keySelector !== null && keyFile !== null
        ? { domainName, keySelector, privateKey: readFileSync(keyFile, 'utf8') }
        : null,
  }
}

/** The settings sending cannot do without, checked. */
export interface SendingConfig {
  readonly smtpUrl: string
  readonly publicUrl: string
  readonly fromAddress: string
  readonly fromName: string | null
  readonly postalAddress: string
  readonly unsubscribeSecret: string
  readonly unsubscribeMailto: string
  readonly dkim: DkimKey | null
}

/**
 * The settings with everything sending needs present and well formed.
 * @throws ValidationError naming each missing or wrong variable
 */
export function requireSendingConfig(config: OutreachConfig): SendingConfig {
  const problems: string[] = []
  const need = (field: string | null, name: string): string => {
    if (field === null) {
      problems.push(`set ${name}`)
    }
    return field ?? ''
  }
  const smtpUrl = need(config.smtpUrl, 'COMEBACK_SMTP_URL')
  const publicUrl = need(config.publicUrl, 'COMEBACK_PUBLIC_URL').replace(/\/+$/, '')
  const fromAddress = need(config.fromAddress, 'COMEBACK_MAIL_FROM')
  const postalAddress = need(config.postalAddress, 'COMEBACK_POSTAL_ADDRESS')
  const secret = need(config.unsubscribeSecret, 'COMEBACK_UNSUBSCRIBE_SECRET')
  if (publicUrl !== '' && !/^https?:\/\/[^/\s]+/i.test(publicUrl)) {
    problems.push('COMEBACK_PUBLIC_URL must be an http(s) URL')
  }
  if (fromAddress !== '' && !isPlainEmail(fromAddress)) {
    problems.push('COMEBACK_MAIL_FROM must be one plain address')
  }
  if (secret !== '' && !isUsableSecret(secret)) {
    problems.push('COMEBACK_UNSUBSCRIBE_SECRET must be at least 32 characters')
  }
  if (problems.length > 0) {
    throw new ValidationError(`email is not configured: ${problems.join('; ')}`)
  }
  const mailto = config.unsubscribeMailto ?? fromAddress
  return {
    smtpUrl,
    publicUrl,
    fromAddress,
    fromName: config.fromName,
    postalAddress,
    unsubscribeSecret: secret,
    unsubscribeMailto: `mailto:${mailto}?subject=unsubscribe`,
    dkim: config.dkim,
  }
}
