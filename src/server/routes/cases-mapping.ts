import type {
  CaseActor,
  CaseDetail,
  CaseSummary,
  GoldenLessons,
  ResurfacedItem,
} from '../../app/index.js'
import { resurfacedIds } from '../../app/index.js'
import type { CaseDetailResponse, CaseSummaryItem } from '../contract/cases.js'
import type { ResurfacedResponse } from '../contract/fixes.js'
import type { LessonsResponse } from '../contract/lessons.js'
import type { RouteContext } from '../route-definition.js'
import { signedInActor } from '../signed-in.js'

/** Who is acting, as the case use cases want it: the session's actor and the request's audit context. */
export function caseActorOf(ctx: RouteContext): CaseActor {
  return { actor: signedInActor(ctx), audit: ctx.audit }
}

/** A case summary as the API sends it. */
export function toCaseSummaryItem(summary: CaseSummary): CaseSummaryItem {
  return { ...summary, reps: [...summary.reps], reasons: [...summary.reasons] }
}

/** The golden lessons as the API sends them. */
export function toLessonsResponse(lessons: GoldenLessons): LessonsResponse {
  return {
    ...lessons,
    byCount: [...lessons.byCount],
    byRevenue: [...lessons.byRevenue],
    trend: [...lessons.trend],
    bySegment: [...lessons.bySegment],
    byTerritory: [...lessons.byTerritory],
    byRep: [...lessons.byRep],
  }
}

/** A case detail as the API sends it (the timeline's data stays free-form JSON). */
export function toCaseDetailResponse(detail: CaseDetail): CaseDetailResponse {
  return {
    ...detail,
    ...toCaseSummaryItem(detail),
    finding: { ...detail.finding, reasonsRecorded: [...detail.finding.reasonsRecorded] },
    overrides: [...detail.overrides],
    nextQuestions: [...detail.nextQuestions],
    allowedMoves: detail.allowedMoves.map((move) => ({
      stage: move.stage,
      questions: [...move.questions],
      ready: move.ready,
    })),
    timeline: [...detail.timeline],
  }
}

/** The losses a fix or a new decision maker brought back, with their customer and deal ids. */
export function toResurfacedResponse(items: readonly ResurfacedItem[]): ResurfacedResponse {
  return { resurfaced: [...items], ...resurfacedIds(items) }
}
