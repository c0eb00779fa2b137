import type { MakeGoodFlag, MakeGoodKind, MakeGoodStatus } from '../../domain/make-good.js'
import type { MakeGoodRow } from '../../store/index.js'

/** A make-good offer as the CLI and the API show it. */
export interface MakeGoodView {
  readonly id: number
  readonly caseId: number
  readonly customerId: string
  readonly kind: MakeGoodKind
  readonly valueMinor: number
  readonly currency: string
  readonly incidentIds: readonly number[]
  readonly answersRemedy: boolean
  readonly description: string | null
  readonly reason: string | null
  readonly suggestedMinor: number
  readonly flags: readonly MakeGoodFlag[]
  readonly status: MakeGoodStatus
  readonly proposedBy: number | null
  readonly proposedAt: string
  readonly decidedBy: number | null
  readonly decidedAt: string | null
  readonly decisionNote: string | null
  readonly version: number
}

function numbers(json: string): number[] {
  const parsed: unknown = JSON.parse(json)
  return Array.isArray(parsed) ? parsed.map(Number) : []
}

function flags(json: string): MakeGoodFlag[] {
  const parsed: unknown = JSON.parse(json)
  return Array.isArray(parsed) ? (parsed as MakeGoodFlag[]) : []
}

/** A stored offer as a view. */
export function toMakeGoodView(row: MakeGoodRow): MakeGoodView {
  return {
    id: Number(row.id),
    caseId: Number(row.case_id),
    customerId: row.customer_id,
    kind: row.kind as MakeGoodKind,
    valueMinor: Number(row.value_minor),
    currency: row.currency,
    incidentIds: numbers(row.incident_ids_json),
    answersRemedy: row.answers_remedy === 1,
    description: row.description,
    reason: row.reason,
    suggestedMinor: Number(row.suggested_minor),
    flags: flags(row.flags_json),
    status: row.status as MakeGoodStatus,
    proposedBy: row.proposed_by === null ? null : Number(row.proposed_by),
    proposedAt: row.proposed_at,
    decidedBy: row.decided_by === null ? null : Number(row.decided_by),
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    version: Number(row.version),
  }
}
