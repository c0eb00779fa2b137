import { differenceInterval, type Interval } from '../../analytics/index.js'
import { armOutcomes, readCampaignsLaunched, type Store } from '../../store/index.js'
import type { Period } from './period.js'

/** One campaign's arms and the lift of its win-back rate over the holdout. */
export interface CampaignLift {
  readonly campaignId: number
  /** the campaign's name, for those who may read campaigns; null for the others */
  readonly name: string | null
  readonly treated: { readonly members: number; readonly winBacks: number }
  readonly holdout: { readonly members: number; readonly winBacks: number }
  readonly lift: Interval | null
}

/** Lift per campaign launched in the period, and pooled over them. */
export interface HoldoutLift {
  readonly campaigns: CampaignLift[]
  /**
   * All campaigns' arms added up, treated vs holdout, with Newcombe's interval. Pooling raw counts
   * is fair only because every campaign draws its holdout at random from its own segment; a
   * campaign with a larger holdout share weighs more on that arm.
   */
  readonly pooled: CampaignLift | null
}

const liftOf = (
  treated: CampaignLift['treated'],
  holdout: CampaignLift['holdout'],
): Interval | null =>
  treated.members > 0 && holdout.members > 0
    ? differenceInterval(
        { successes: treated.winBacks, trials: treated.members },
        { successes: holdout.winBacks, trials: holdout.members },
      )
    : null

/**
 * SPEC §10 lift over holdout with a confidence interval: for each campaign launched in the period,
 * win-backs ÷ members in the treated arm minus the holdout's, with the Newcombe (1998) hybrid score
 * interval that `campaignResults` uses; then pooled.
 */
export async function holdoutLift(
  store: Store,
  period: Period,
  showNames: boolean,
): Promise<HoldoutLift> {
  const campaigns: CampaignLift[] = []
  for (const campaign of await readCampaignsLaunched(store, period)) {
    const arms = await armOutcomes(store, campaign.id, campaign.launched_at)
    const arm = (name: string) => {
      const found = arms.find((outcome) => outcome.arm === name)
      return { members: found?.members ?? 0, winBacks: found?.winBacks ?? 0 }
    }
    const treated = arm('treated')
    const holdout = arm('holdout')
    campaigns.push({
      campaignId: campaign.id,
      name: showNames ? campaign.name : null,
      treated,
      holdout,
      lift: liftOf(treated, holdout),
    })
  }
  if (campaigns.length === 0) {
    return { campaigns, pooled: null }
  }
  const add = (pick: (lift: CampaignLift) => CampaignLift['treated']) => ({
    members: campaigns.reduce((total, lift) => total + pick(lift).members, 0),
    winBacks: campaigns.reduce((total, lift) => total + pick(lift).winBacks, 0),
  })
  const treated = add((lift) => lift.treated)
  const holdout = add((lift) => lift.holdout)
  return {
    campaigns,
    pooled: { campaignId: 0, name: null, treated, holdout, lift: liftOf(treated, holdout) },
  }
}
