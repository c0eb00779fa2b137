import { type Cell, sameCells } from './cells.js'

/** What one accepted record did to the store, before it is counted. */
export type RecordOutcome = 'inserted' | 'updated' | 'unchanged' | 'conflict'

/**
 * What to remember for a record in `import_pending_updates`, always with its content: `upsert`
 * writes that content at publish; `seen` only notes that the import met this key unchanged, so a
 * later repeat with other content is a conflict rather than an update.
 */
export type PendingAction = 'upsert' | 'seen'

/** A stored row met under the record's key, and what this import already staged for that key. */
export interface StoredState {
  /** null when the row vanished between looking and reading (another import cleaned it up) */
  readonly row: { readonly importId: number | null; readonly content: readonly Cell[] } | null
  readonly pending: { readonly action: PendingAction; readonly content: readonly Cell[] } | null
}

/** Who is asking: this import, and every import that is not committed (running or failed). */
export interface ImportContext {
  readonly importId: number
  readonly uncommittedImportIds: ReadonlySet<number>
}

/** A record's outcome, what to stage, and the content that stays in force for its key. */
export interface Classification {
  readonly outcome: RecordOutcome
  readonly stage: PendingAction | null
  readonly kept: readonly Cell[]
}

/**
 * Decides what a record does to a key that already has a row (SPEC "Files without an order id",
 * "Publishing an import"): a repeat within this import with other content is a conflict and the
 * first is kept; a committed row with the same content is unchanged, with other content updated
 * at publish; a row another unfinished import wrote counts as inserted and is taken over at publish.
 * @example classifyStored(['placed'], { row: { importId: null, content: ['placed'] }, pending: null }, context, true)
 */
export function classifyStored(
  content: readonly Cell[],
  stored: StoredState,
  context: ImportContext,
  canConflict: boolean,
): Classification {
  const { row, pending } = stored
  if (row !== null && row.importId === context.importId) {
    return repeatOf(content, row.content)
  }
  if (pending !== null) {
    return repeatOf(content, pending.content)
  }
  if (row === null || isUncommitted(row.importId, context)) {
    return { outcome: 'inserted', stage: 'upsert', kept: content }
  }
  if (sameCells(content, row.content)) {
    return { outcome: 'unchanged', stage: canConflict ? 'seen' : null, kept: content }
  }
  return { outcome: 'updated', stage: 'upsert', kept: content }
}

/**
 * A second record with a key this import already wrote: the same content is unchanged, other
 * content a conflict that keeps the first.
 * @example repeatOf(['placed'], ['refunded']).outcome // 'conflict'
 */
export function repeatOf(content: readonly Cell[], first: readonly Cell[]): Classification {
  if (sameCells(content, first)) {
    return { outcome: 'unchanged', stage: null, kept: first }
  }
  return { outcome: 'conflict', stage: null, kept: first }
}

function isUncommitted(importId: number | null, context: ImportContext): boolean {
  return importId !== null && context.uncommittedImportIds.has(importId)
}
