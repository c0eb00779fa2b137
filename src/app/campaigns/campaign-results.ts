import { differenceInterval, type Interval } from '../../analytics/index.js'
import { type ArmOutcome, armOutcomes, type Store } from '../../store/index.js'
import type { CaseActor } from '../cases/case-support.js'
import { campaignFor } from './campaign-access.js'

/** A campaign's results by arm, and the treated arm's lift in win-back rate over the holdout. */
export interface CampaignResults {
  readonly campaignId: number
  readonly launchedAt: string | null
  readonly treated: ArmOutcome
  readonly holdout: ArmOutcome
  /**
   * win-backs ÷ members, treated minus holdout, with its 95 % interval (Newcombe 1998 hybrid
   * score); null before launch or while an arm is empty
   */
  readonly lift: Interval | null
}

const EMPTY = (arm: string): ArmOutcome => ({
  arm,
  members: 0,
  sent: 0,
  responses: 0,
  winBacks: 0,
  revenueMinor: 0,
  touches: 0,
  meetings: 0,
})

/**
 * What happened after launch in each arm: members, messages sent, replies and meetings, win-backs
 * (cases that ended won back) and revenue, and the lift of the win-back rate with an interval that
 * holds for small lists.
 * @example const { lift } = await campaignResults(store, who, 7)
 */
export async function campaignResults(
  store: Store,
  who: CaseActor,
  id: number,
): Promise<CampaignResults> {
  const campaign = await campaignFor(store, who, id, 'read')
  if (campaign.launched_at === null) {
    return {
      campaignId: id,
      launchedAt: null,
      treated: EMPTY('treated'),
      holdout: EMPTY('holdout'),
      lift: null,
    }
  }
  const arms = await armOutcomes(store, id, campaign.launched_at)
  const treated = arms.find((arm) => arm.arm === 'treated') ?? EMPTY('treated')
  const holdout = arms.find((arm) => arm.arm === 'holdout') ?? EMPTY('holdout')
  const lift =
    treated.members > 0 && holdout.members > 0
      ? differenceInterval(
          { successes: treated.winBacks, trials: treated.members },
          { successes: holdout.winBacks, trials: holdout.members },
        )
      : null
  return { campaignId: id, launchedAt: campaign.launched_at, treated, holdout, lift }
}
