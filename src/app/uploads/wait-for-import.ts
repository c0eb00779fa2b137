import { findImportSince, type Store } from '../../store/index.js'
import type { ImportFileResult } from '../import-file.js'

const POLL_MS = 15

/**
 * The id of an import `importFile` has just been asked to run: the first import after `afterId`
 * of the same kind, file and actor, as soon as its row exists. If the import fails before it has
 * a row (a bad option, the same file already importing), that failure is thrown; a second upload
 * of a file already importing may also get the running import's id (TESTPLAN T2 allows either).
 * @example const id = await waitForImportRow(store, imported, { afterId, kind, sha256, actor })
 */
export async function waitForImportRow(
  store: Store,
  imported: Promise<ImportFileResult>,
  find: { afterId: number; kind: string; sha256: string; actor: string },
): Promise<number> {
  const settled: { outcome: { result: ImportFileResult } | { error: unknown } | null } = {
    outcome: null,
  }
  imported.then(
    (result) => {
      settled.outcome = { result }
    },
    (error: unknown) => {
      settled.outcome = { error }
    },
  )
  for (;;) {
    const id = await findImportSince(store, find)
    if (id !== undefined) {
      return id
    }
    const { outcome } = settled
    if (outcome !== null) {
      if ('error' in outcome) {
        throw outcome.error
      }
      return outcome.result.importId
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
