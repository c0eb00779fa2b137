// the letters and meetings API's schemas as types only (STYLE 2.2)
export type { MeetingItem } from '../../server/contract/letters.js'
