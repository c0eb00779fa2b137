export { campaignFor, getCampaignAs, listCampaignsAs } from './campaign-access.js'
export { type CampaignResults, campaignResults } from './campaign-results.js'
export {
  type CampaignSegment,
  type CampaignStatus,
  type CampaignView,
  campaignView,
} from './campaign-view.js'
export {
  armOf,
  type CreateCampaignInput,
  type CreatedCampaign,
  createCampaign,
  segmentSubjects,
} from './create-campaign.js'
export { type LaunchOutcome, launchCampaign } from './launch-campaign.js'
