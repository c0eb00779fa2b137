// the outreach API's schemas as types only (STYLE 2.2): templates, campaigns, outbox, suppressions

export type {
  CampaignMemberItem,
  CampaignMemberListResponse,
  MemberOutcomeBody,
  SendNowResponse,
} from '../../server/contract/campaign-members.js'
export type {
  CampaignItem,
  CampaignResultsResponse,
  CampaignSegmentBody,
  CreateCampaignBody,
  CreatedCampaignResponse,
  LaunchOutcomeResponse,
} from '../../server/contract/campaigns.js'
export type {
  OutboxListResponse,
  OutboxMessageItem,
  OutboxStatus,
  SuppressionItem,
  SuppressionRequestBody,
  TemplateInputBody,
  TemplateItem,
  TemplateKind,
  TemplatePreviewResponse,
} from '../../server/contract/outreach.js'
export type { DraftPreviewBody } from '../../server/contract/template-preview.js'

/** The merge fields a template may name (domain/template.ts MERGE_FIELDS), with what each holds. */
export const MERGE_FIELD_HELP: readonly (readonly [string, string])[] = [
  ['customer', 'the customer’s name'],
  ['contact', 'the contact’s name'],
  ['owner', 'the account’s owner'],
  ['reason', 'why they left'],
  ['what_was_fixed', 'what we fixed since'],
  ['offer', 'the offer (make-good)'],
  ['unsubscribe_link', 'the one-click unsubscribe link (emails)'],
  ['postal_address', 'our postal address (emails)'],
]
