import type { MergeValues, TemplateText } from '../domain/template.js'
import { escapeHtml, headerSafe, renderFields } from '../domain/template-render.js'

/**
 * Turns a template and its merge values into one commercial email (issue 6 part 3, TESTPLAN T22):
 * subject and names header-safe, a text and an HTML body, the postal address and a visible
 * unsubscribe link always in the body, and the RFC 8058 one-click headers.
 */

/** The deployment's side of a message. */
export interface Sender {
  readonly fromAddress: string
  readonly fromName: string | null
  readonly postalAddress: string
}

/** Where the recipient unsubscribes: the one-click https URL and a mailto. */
export interface UnsubscribeTargets {
  readonly url: string
  readonly mailto: string
}

/** A composed email, ready for the transport. */
export interface ComposedEmail {
  readonly from: { readonly name: string; readonly address: string }
  readonly to: { readonly name: string; readonly address: string }
  readonly subject: string
  readonly text: string
  readonly html: string
  readonly headers: Readonly<Record<string, string>>
}

/** The headers RFC 8058 asks for: an https URI and a mailto, and the one-click POST marker. */
export function listUnsubscribeHeaders(targets: UnsubscribeTargets): Record<string, string> {
  return {
    'List-Unsubscribe': `<${headerSafe(targets.url)}>, <${headerSafe(targets.mailto)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  }
}

/**
 * Composes one email to `to` from `template`. The unsubscribe link and postal address are merge
 * fields; when the template does not place them, a footer carries them anyway.
 */
export function composeEmail(input: {
  readonly template: Pick<TemplateText, 'subject' | 'body'>
  readonly values: MergeValues
  readonly sender: Sender
  readonly to: { readonly name: string | null; readonly address: string }
  readonly unsubscribe: UnsubscribeTargets
}): ComposedEmail {
  const values: MergeValues = {
    ...input.values,
    unsubscribe_link: input.unsubscribe.url,
    postal_address: input.sender.postalAddress,
  }
  const body = withFooter(renderFields(input.template.body, values, 'text'), input)
  return {
    from: { name: headerSafe(input.sender.fromName ?? ''), address: input.sender.fromAddress },
    to: { name: headerSafe(input.to.name ?? ''), address: input.to.address },
    subject: renderFields(input.template.subject ?? '', values, 'header'),
    text: body,
    html: htmlOf(body, input.unsubscribe.url),
    headers: listUnsubscribeHeaders(input.unsubscribe),
  }
}

function withFooter(
  text: string,
  input: { readonly sender: Sender; readonly unsubscribe: UnsubscribeTargets },
): string {
  const footer: string[] = []
  if (!text.includes(input.unsubscribe.url)) {
    footer.push(`Unsubscribe: ${input.unsubscribe.url}`)
  }
  if (!text.includes(input.sender.postalAddress)) {
    footer.push(input.sender.postalAddress)
  }
  return footer.length === 0 ? text : `${text}\n\n--\n${footer.join('\n')}`
}

/** The text body as HTML: everything escaped, paragraphs kept, the unsubscribe URL a link. */
function htmlOf(text: string, unsubscribeUrl: string): string {
  const link = escapeHtml(unsubscribeUrl)
  const paragraphs = text
    .split(/\n{2,}/)
    .map((paragraph) => escapeHtml(paragraph).replaceAll('\n', '<br>\n'))
    .map((paragraph) => paragraph.replaceAll(link, `<a href="${link}">${link}</a>`))
    .map((paragraph) => `<p>${paragraph}</p>`)
  return `<!doctype html>\n<html><body>\n${paragraphs.join('\n')}\n</body></html>\n`
}
