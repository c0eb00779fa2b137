import { outreachConfigFromEnv, previewDraftAs } from '../../app/index.js'
import { templatePreviewSchema } from '../contract/outreach.js'
import { draftPreviewBodySchema } from '../contract/template-preview.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

// the template editor's live preview: the server renders the draft, so what is shown is what goes out

const previewDraftRoute = defineRoute({
  method: 'post',
  path: '/template-preview',
  operationId: 'previewTemplateDraft',
  summary: 'Render an unsaved template with sample values; unknown merge fields are refused',
  tag: 'outreach',
  access: { kind: 'policy', resource: 'template', action: 'read' },
  body: draftPreviewBodySchema,
  response: templatePreviewSchema,
  async handle({ body, ctx }) {
    const { kind, subject, body: text, ...facts } = body
    return previewDraftAs(ctx.deps.store, caseActorOf(ctx), {
      draft: { kind, subject, body: text },
      facts: dropUndefined(facts),
      config: outreachConfigFromEnv(),
    })
  },
})

/** The template editor's preview route. */
export const TEMPLATE_PREVIEW_ROUTES: readonly ApiRoute[] = [previewDraftRoute]
