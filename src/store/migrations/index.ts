import { migration0004ImportKeys } from '../imports/import-keys-migration.js'
import { migration0010ImportSpeed } from '../imports/import-speed-migration.js'
import { migration0001Core } from './0001-core.js'
import { migration0002Analysis } from './0002-analysis.js'
import { migration0003Auth } from './0003-auth.js'
import { migration0005Cases } from './0005-cases.js'
import { migration0006LostList } from './0006-lost-list.js'
import { migration0008WinBackModel } from './0008-win-back-model.js'
import { migration0011Outreach } from './0011-outreach.js'
import { migration0012MakeGoodsBounties } from './0012-make-goods-bounties.js'
import { migration0013Campaigns } from './0013-campaigns.js'
import { migration0014JobsShadow } from './0014-jobs-shadow.js'
import { migration0015LettersInvites } from './0015-letters-invites.js'
import { migration0016Plans } from './0016-plans.js'
import { migration0017KeepPlansAlerts } from './0017-keep-plans-alerts.js'
import { migration0019Privacy } from './0019-privacy.js'
import type { StoreMigration } from './store-migration.js'

/**
 * Every schema step, in order; the key is the migration's name in `kysely_migration`. Add one line
 * per new file (`'0002-…': migration0002…`), never rename or reorder an existing one.
 */
export const MIGRATIONS: Readonly<Record<string, StoreMigration>> = {
  '0001-core': migration0001Core,
  '0002-analysis': migration0002Analysis,
  '0003-auth': migration0003Auth,
  '0004-import-keys': migration0004ImportKeys,
  '0005-cases': migration0005Cases,
  '0006-lost-list': migration0006LostList,
  '0008-win-back-model': migration0008WinBackModel,
  '0010-import-speed': migration0010ImportSpeed,
  '0011-outreach': migration0011Outreach,
  '0012-make-goods-bounties': migration0012MakeGoodsBounties,
  '0013-campaigns': migration0013Campaigns,
  '0014-jobs-shadow': migration0014JobsShadow,
  '0015-letters-invites': migration0015LettersInvites,
  '0016-plans': migration0016Plans,
  '0017-keep-plans-alerts': migration0017KeepPlansAlerts,
  '0019-privacy': migration0019Privacy,
}
