import { PageHeader, Panel } from '../components/page-header.js'
import { useMe } from '../lib/session.js'
import { OffersAndBountiesSettings } from './settings-offers-and-bounties.js'
import { PhraseSettings } from './settings-phrases.js'
import { ReasonSettings } from './settings-reasons.js'
import { CaseRulesSettings } from './settings-rules.js'

/**
 * Case settings: the case rules, the reason taxonomy and the reason mapping. Everyone may read
 * them; only admins change them (the server refuses anyone else).
 */
export function SettingsPage() {
  const me = useMe()
  const canEdit = me.user.role === 'admin'
  return (
    <>
      <PageHeader
        title="Case settings"
        lead={
          canEdit
            ? 'The rules every case follows, and the reasons customers leave.'
            : 'Only admins change these.'
        }
      />
      <Panel title="Case rules" id="settings-rules">
        <CaseRulesSettings canEdit={canEdit} />
      </Panel>
      <Panel title="Reason taxonomy" id="settings-reasons">
        <ReasonSettings canEdit={canEdit} />
      </Panel>
      <Panel title="Reason mapping of imported deal reasons" id="settings-phrases">
        <PhraseSettings canEdit={canEdit} />
      </Panel>
      <OffersAndBountiesSettings canEdit={canEdit} />
    </>
  )
}
