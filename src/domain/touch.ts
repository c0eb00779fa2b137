/**
 * Recorded touches (issue 6 item 7): every contact with a customer — email, letter, call,
 * meeting, gift — lands on the customer's timeline and counts in its campaign's results.
 */

export type TouchChannel = 'call' | 'meeting' | 'gift' | 'letter' | 'email'

export const TOUCH_CHANNELS: readonly TouchChannel[] = [
  'call',
  'meeting',
  'gift',
  'letter',
  'email',
]

/** Whether `value` names a channel a person may record a touch on. */
export function isTouchChannel(value: string): value is TouchChannel {
  return (TOUCH_CHANNELS as readonly string[]).includes(value)
}

/**
 * Kinds that record the customer reaching us (a reply): the only touches a suppressed contact
 * may have, since nothing went out to them.
 */
export const INBOUND_TOUCH_KINDS: readonly string[] = ['reply']

/** A touch's kind: lower-case words joined by `_`, like `win_back_call` (at most 40 characters). */
export const TOUCH_KIND = /^[a-z][a-z0-9_]{0,39}$/

/** The longest note a touch keeps. */
export const TOUCH_NOTE_MAX = 2000
