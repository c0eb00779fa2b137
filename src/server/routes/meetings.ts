import { z } from 'zod'
import {
  cancelMeeting,
  createMeeting,
  listMeetingsAs,
  type MeetingView,
  meetingInvite,
  outreachConfigFromEnv,
  updateMeeting,
} from '../../app/index.js'
import {
  cancelMeetingBodySchema,
  createMeetingBodySchema,
  letterCustomerParamsSchema,
  meetingListResponseSchema,
  meetingParamsSchema,
  meetingSchema,
  updateMeetingBodySchema,
} from '../contract/letters.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute, type FileAnswer } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

const fileAnswerSchema = z.custom<FileAnswer>()

const toItem = (meeting: MeetingView) => ({
  ...meeting,
  organiser: { ...meeting.organiser },
  attendees: meeting.attendees.map((attendee) => ({ ...attendee })),
})

function inviteConfig() {
  const config = outreachConfigFromEnv()
  return { publicUrl: config.publicUrl, fromAddress: config.fromAddress }
}

const listRoute = defineRoute({
  method: 'get',
  path: '/customers/{id}/meetings',
  operationId: 'listCustomerMeetings',
  summary: 'The meetings planned with a customer, soonest first',
  tag: 'meetings',
  access: { kind: 'policy', resource: 'case', action: 'read' },
  params: letterCustomerParamsSchema,
  response: meetingListResponseSchema,
  async handle({ params, ctx }) {
    const items = await listMeetingsAs(ctx.deps.store, caseActorOf(ctx), params.id)
    return { items: items.map(toItem) }
  },
})

const createRoute = defineRoute({
  method: 'post',
  path: '/meetings',
  operationId: 'createMeeting',
  summary:
    "Plan a meeting with a customer's contacts: a stable UID, SEQUENCE 0, a touch on the timeline; suppressed attendees refused",
  tag: 'meetings',
  access: { kind: 'policy', resource: 'case', action: 'write' },
  successStatus: 201,
  body: createMeetingBodySchema,
  response: meetingSchema,
  async handle({ body, ctx }) {
    const meeting = await createMeeting(
      ctx.deps.store,
      caseActorOf(ctx),
      {
        customerId: body.customerId,
        title: body.title,
        startsAt: body.startsAt,
        endsAt: body.endsAt,
        attendeeContactIds: body.attendeeContactIds,
        ...dropUndefined({ caseId: body.caseId, location: body.location }),
      },
      inviteConfig(),
    )
    return toItem(meeting)
  },
})

const updateRoute = defineRoute({
  method: 'patch',
  path: '/meetings/{id}',
  operationId: 'updateMeeting',
  summary: "Change a meeting's title, time or place: SEQUENCE is raised, the UID stays",
  tag: 'meetings',
  access: { kind: 'policy', resource: 'case', action: 'write' },
  params: meetingParamsSchema,
  body: updateMeetingBodySchema,
  response: meetingSchema,
  async handle({ params, body, ctx }) {
    const { expectedSequence, ...set } = body
    const meeting = await updateMeeting(ctx.deps.store, caseActorOf(ctx), {
      id: params.id,
      ...(expectedSequence === undefined ? {} : { expectedSequence }),
      set: dropUndefined(set),
    })
    return toItem(meeting)
  },
})

const cancelRoute = defineRoute({
  method: 'post',
  path: '/meetings/{id}/cancel',
  operationId: 'cancelMeeting',
  summary: 'Cancel a meeting: its invite becomes METHOD:CANCEL with the same UID',
  tag: 'meetings',
  access: { kind: 'policy', resource: 'case', action: 'write' },
  params: meetingParamsSchema,
  body: cancelMeetingBodySchema,
  response: meetingSchema,
  async handle({ params, body, ctx }) {
    const meeting = await cancelMeeting(ctx.deps.store, caseActorOf(ctx), {
      id: params.id,
      ...(body.expectedSequence === undefined ? {} : { expectedSequence: body.expectedSequence }),
    })
    return toItem(meeting)
  },
})

const inviteRoute = defineRoute({
  method: 'get',
  path: '/meetings/{id}/invite.ics',
  operationId: 'getMeetingInvite',
  summary: 'The meeting as an .ics invite (METHOD:REQUEST, or METHOD:CANCEL once cancelled)',
  tag: 'meetings',
  access: { kind: 'policy', resource: 'case', action: 'read' },
  params: meetingParamsSchema,
  response: fileAnswerSchema,
  produces: 'text/calendar',
  async handle({ params, ctx }) {
    const invite = await meetingInvite(ctx.deps.store, caseActorOf(ctx), params.id)
    return {
      fileName: invite.filename,
      chunks: (async function* () {
        yield invite.ics
      })(),
    }
  },
})

/** Meetings and their calendar invites. */
export const MEETING_ROUTES: readonly ApiRoute[] = [
  listRoute,
  createRoute,
  updateRoute,
  cancelRoute,
  inviteRoute,
]
