import { type FixTerms, fixCovers } from '../domain/fix.js'
import {
  listFixes,
  type Queryable,
  readSubjectReasons,
  type SubjectReasonLine,
} from '../store/index.js'
import { loadReasonMapper } from './cases/reason-phrases.js'
import { liveReasonOfId, loadTaxonomy, type Taxonomy } from './cases/taxonomy.js'

/** Why a listed customer or deal was lost, and whether a fix now covers that. */
export interface SubjectReasons {
  /** live reason codes (merges resolved), no repeats; empty when not known */
  readonly reasons: string[]
  /** true when a fix covers one of them (SPEC §3: lost for that reason before the fix, in scope) */
  readonly reasonFixed: boolean
}

/** A row of the lost list to decorate: a customer id, or a deal id as text. */
export interface ListedSubject {
  readonly kind: 'customer' | 'deal'
  readonly id: string
}

/**
 * The reasons of a page of lost-list rows and whether a fix covers them (issue 5 part 7): from
 * each subject's newest case that recorded reasons, else for a deal its imported reason through
 * the mapping. Read after the page, in a few statements for the whole page, never one per row.
 * Keys are `customer:<id>` and `deal:<id>`.
 * @example const reasons = await reasonsOfSubjects(store, [{ kind: 'customer', id: 'C-1' }])
 */
export async function reasonsOfSubjects(
  target: Queryable,
  subjects: readonly ListedSubject[],
): Promise<Map<string, SubjectReasons>> {
  const answer = new Map<string, SubjectReasons>()
  if (subjects.length === 0) {
    return answer
  }
  const lines = await readSubjectReasons(target, {
    subjectKeys: subjects.map((subject) => `${subject.kind}:${subject.id}`),
    dealIds: subjects.filter((s) => s.kind === 'deal').map((s) => Number(s.id)),
  })
  if (lines.length === 0) {
    return answer
  }
  const taxonomy = await loadTaxonomy(target)
  const mapText = lines.some((line) => line.dealReason !== null)
    ? await loadReasonMapper(target)
    : null
  const fixes = (await listFixes(target)).map((row) => ({
    reasonId: liveReasonOfId(taxonomy, Number(row.reason_id))?.id ?? Number(row.reason_id),
    scope:
      row.scope_kind === null || row.scope_value === null
        ? null
        : { kind: row.scope_kind, value: row.scope_value },
    fixedOn: row.fixed_on,
  }))
  for (const [key, subjectLines] of groupBySubject(lines)) {
    const reasonIds = reasonIdsOf(subjectLines, taxonomy, mapText)
    const newestCase = Math.max(-1, ...subjectLines.map((line) => line.caseId ?? -1))
    const first = subjectLines.find((line) => (line.caseId ?? -1) === newestCase)
    if (reasonIds.length === 0 || first === undefined) {
      continue
    }
    answer.set(key, {
      reasons: reasonIds.map((id) => taxonomy.byId.get(id)?.code ?? `#${id}`),
      reasonFixed: isCovered(fixes, { ...first, reasonIds }),
    })
  }
  return answer
}

function groupBySubject(lines: readonly SubjectReasonLine[]): Map<string, SubjectReasonLine[]> {
  const groups = new Map<string, SubjectReasonLine[]>()
  for (const line of lines) {
    groups.set(line.subjectKey, [...(groups.get(line.subjectKey) ?? []), line])
  }
  return groups
}

// the newest case that recorded reasons decides; a deal without one, its mapped imported reason
function reasonIdsOf(
  lines: readonly SubjectReasonLine[],
  taxonomy: Taxonomy,
  mapText: ((text: string) => { readonly code: string }) | null,
): number[] {
  const newestCase = Math.max(-1, ...lines.map((line) => line.caseId ?? -1))
  if (newestCase >= 0) {
    const ids = lines
      .filter((line) => line.caseId === newestCase && line.reasonId !== null)
      .map((line) => liveReasonOfId(taxonomy, line.reasonId ?? 0)?.id ?? line.reasonId ?? 0)
    return [...new Set(ids)]
  }
  const text = lines.find((line) => line.dealReason !== null)?.dealReason?.trim() ?? ''
  const reason =
    text === '' || mapText === null ? undefined : taxonomy.byCode.get(mapText(text).code)
  return reason === undefined ? [] : [reason.id]
}

function isCovered(
  fixes: readonly FixTerms[],
  loss: SubjectReasonLine & { readonly reasonIds: readonly number[] },
): boolean {
  return fixes.some((fix) => fixCovers(fix, loss))
}
