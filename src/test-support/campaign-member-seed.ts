import { insertCampaignMembers, listCampaignMembers, type Store } from '../store/index.js'

/**
 * Adds one treated member to a campaign by hand (a campaign whose segment selected nobody) and
 * returns its id: the server's matrix fixtures may not reach into the store themselves.
 */
export async function addTreatedMember(
  store: Store,
  campaignId: number,
  customerId: string,
): Promise<number> {
  await insertCampaignMembers(store, [
    {
      campaign_id: campaignId,
      subject_kind: 'customer',
      subject_id: customerId,
      customer_id: customerId,
      arm: 'treated',
    },
  ])
  const [member] = await listCampaignMembers(store, campaignId)
  return Number(member?.id ?? 0)
}
