import { useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type { CampaignMemberItem, MemberOutcomeBody } from '../api/outreach-types.js'
import { ErrorState } from '../components/states.js'
import { formatCount, humanize } from '../lib/format.js'
import { Link } from '../lib/router.js'
import { useApi } from '../lib/session.js'

/** What a member's message did, in words: its status, why none was sent, or held out. */
export function messageWords(member: CampaignMemberItem): string {
  if (member.arm === 'holdout') {
    return 'held out: nothing sent'
  }
  if (member.messageStatus !== null) {
    return humanize(member.messageStatus)
  }
  return member.skipped === null ? 'not launched yet' : `none: ${humanize(member.skipped)}`
}

/** The members of a campaign by arm, with a way to record a reply or a meeting for each. */
export function CampaignMembersTable(props: {
  campaignId: number
  members: readonly CampaignMemberItem[]
  launched: boolean
  canRecord: boolean
  onRecorded: () => void
}) {
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const counts = { treated: 0, holdout: 0 }
  for (const member of props.members) {
    if (member.arm === 'treated' || member.arm === 'holdout') {
      counts[member.arm] += 1
    }
  }
  return (
    <>
      <p>
        {formatCount(counts.treated)} treated · {formatCount(counts.holdout)} in the holdout
      </p>
      {error === undefined ? null : (
        <ErrorState error={error} title="The outcome was not recorded" />
      )}
      <div className="table-wrap">
        <table className="table campaign-members" aria-label="Campaign members">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Arm</th>
              <th scope="col">Message</th>
              <th scope="col">Replies</th>
              <th scope="col">Meetings</th>
              {props.canRecord && props.launched ? <th scope="col">Record</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.members.map((member) => (
              <tr key={member.id} data-member={member.id} data-arm={member.arm}>
                <td>
                  <Link to={`/customers/${encodeURIComponent(member.customerId)}`}>
                    {member.customerName ?? member.customerId}
                  </Link>
                  {member.subjectKind === 'deal' ? (
                    <span className="muted small"> · lost deal</span>
                  ) : null}
                </td>
                <td>{humanize(member.arm)}</td>
                <td>{messageWords(member)}</td>
                <td>{formatCount(member.replies)}</td>
                <td>{formatCount(member.meetings)}</td>
                {props.canRecord && props.launched ? (
                  <td>
                    <OutcomeButtons
                      campaignId={props.campaignId}
                      member={member}
                      onRecorded={props.onRecorded}
                      onError={setError}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

function OutcomeButtons(props: {
  campaignId: number
  member: CampaignMemberItem
  onRecorded: () => void
  onError: (error: ApiError | undefined) => void
}) {
  const api = useApi()
  const [busy, setBusy] = useState(false)
  const name = props.member.customerName ?? props.member.customerId
  const record = (kind: MemberOutcomeBody['kind']) => {
    setBusy(true)
    api
      .send('POST', `/campaigns/${props.campaignId}/members/${props.member.id}/outcome`, { kind })
      .then(
        () => {
          setBusy(false)
          props.onError(undefined)
          props.onRecorded()
        },
        (failure: unknown) => {
          setBusy(false)
          props.onError(toApiError(failure))
        },
      )
  }
  return (
    <span className="button-row">
      <button
        type="button"
        className="button button-ghost"
        disabled={busy}
        aria-label={`Record a reply from ${name}`}
        onClick={() => record('reply')}
      >
        Reply
      </button>
      <button
        type="button"
        className="button button-ghost"
        disabled={busy}
        aria-label={`Record a meeting with ${name}`}
        onClick={() => record('meeting')}
      >
        Meeting
      </button>
    </span>
  )
}
