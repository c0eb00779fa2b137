import { listMeetings, type Store } from '../../store/index.js'
import type { CaseActor } from '../cases/case-support.js'
import { customerToReach } from './letter-access.js'
import { type MeetingView, meetingView } from './meeting-view.js'

/** The meetings with a customer the user works, soonest first. */
export async function listMeetingsAs(
  store: Store,
  who: CaseActor,
  customerId: string,
): Promise<MeetingView[]> {
  await customerToReach(store, who, customerId, 'read')
  return (await listMeetings(store, customerId)).map(meetingView)
}
