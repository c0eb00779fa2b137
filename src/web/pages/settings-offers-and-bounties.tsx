import { Panel } from '../components/page-header.js'
import { BountyRuleSettings } from './settings-bounty-rules.js'
import { MakeGoodSettings } from './settings-make-goods.js'

/** The settings page's part on make-goods and bounties: approval limits, sizing, bounty rules. */
export function OffersAndBountiesSettings(props: { canEdit: boolean }) {
  return (
    <>
      <Panel title="Make-good approval limits and sizing" id="settings-make-goods">
        <MakeGoodSettings canEdit={props.canEdit} />
      </Panel>
      <Panel title="Bounty rules" id="settings-bounty-rules">
        <BountyRuleSettings canEdit={props.canEdit} />
      </Panel>
    </>
  )
}
