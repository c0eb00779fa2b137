import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { formatCsvRow } from '../../domain/csv-cell.js'
import { NotFoundError } from '../../domain/errors.js'
import type { ImportKind } from '../../domain/records.js'
import type { DecimalMark } from '../../ingest/index.js'
import {
  getImportRun,
  type ImportRun,
  latestImportId,
  listImportRuns,
  type RejectedRowLine,
  readRejectedRows,
  type Store,
} from '../../store/index.js'
import { RateLimitedError } from '../auth/errors.js'
import { importFile } from '../import-file.js'
import { receiveUpload } from './upload-file.js'
import { waitForImportRow } from './wait-for-import.js'

/** One import as the imports page shows it, with its progress while it runs. */
export interface ImportJobView {
  readonly id: number
  readonly kind: ImportKind
  readonly fileName: string | null
  readonly state: 'running' | 'committed' | 'failed'
  readonly bytesRead: number
  readonly bytesTotal: number | null
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  readonly rejected: number
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly error: string | null
}

/** An upload to import: what the file holds, how to read it, who sends it, and the body. */
export interface ImportUpload {
  readonly kind: ImportKind
  readonly fileName: string
  readonly map?: Readonly<Record<string, string>>
  readonly dateFormat?: string
  readonly decimal?: DecimalMark
  /** the user's id, for their quota */
  readonly userId: number
  /** who runs it, as the imports table and audit name them (`api:ann@example.com`) */
  readonly actor: string
  readonly body: ReadableStream<Uint8Array> | null
  readonly declaredBytes?: number
}

/** Limits of the import jobs (TESTPLAN T17, T18); every one has a default. */
export interface ImportJobSettings {
  /** where uploads are stored while they import; default the system's temporary folder */
  readonly uploadDir?: string
  /** the largest upload; default 1 GiB */
  readonly maxUploadBytes?: number
  /** imports one user may run at once; default 2 */
  readonly maxRunningPerUser?: number
  /** imports one user may start in an hour; default 30 */
  readonly maxStartsPerHour?: number
  readonly now?: () => number
  /** hears of imports that failed in the background (the job's state says so too) */
  readonly onError?: (importId: number, error: unknown) => void
}

interface Progress {
  bytesRead: number
  readonly bytesTotal: number
  /** the upload's folder, which error messages may name */
  readonly folder: string
}

const HOUR_MS = 60 * 60 * 1000
const REJECT_PAGE = 2000
// what the imports page remembers of finished uploads' sizes
const FINISHED_KEPT = 200

/**
 * The server's imports: receives an upload into a file of its own, runs `importFile` on it in the
 * background and reports its progress, lists imports, and writes rejected-rows reports from the
 * database. Holds the running imports until `close`. A user may run two imports at once and start
 * thirty an hour; past that the answer is RATE_LIMITED with the seconds to wait.
 * @example const jobs = new ImportJobs(store); const job = await jobs.start(upload); await jobs.close()
 */
export class ImportJobs {
  readonly #store: Store
  readonly #settings: Required<Omit<ImportJobSettings, 'onError'>> & ImportJobSettings
  readonly #progress = new Map<number, Progress>()
  readonly #running = new Set<Promise<unknown>>()
  readonly #runningByUser = new Map<number, number>()
  readonly #startsByUser = new Map<number, number[]>()

  constructor(store: Store, settings: ImportJobSettings = {}) {
    this.#store = store
    this.#settings = {
      uploadDir: tmpdir(),
      maxUploadBytes: 1024 * 1024 * 1024,
      maxRunningPerUser: 2,
      maxStartsPerHour: 30,
      now: () => Date.now(),
      ...settings,
    }
  }

  /** The largest upload accepted, in bytes. */
  get maxUploadBytes(): number {
    return this.#settings.maxUploadBytes
  }

  /**
   * Receives the upload and starts importing it; returns the import as soon as it has an id.
   * @throws RateLimitedError past the user's quota; PAYLOAD_TOO_LARGE; ValidationError for a
   * binary or empty file or bad options; ConflictError when the same file is already importing
   */
  async start(upload: ImportUpload): Promise<ImportJobView> {
    this.#checkQuota(upload.userId)
    this.#runningByUser.set(upload.userId, (this.#runningByUser.get(upload.userId) ?? 0) + 1)
    let imported: Promise<unknown> = Promise.resolve()
    try {
      const received = await receiveUpload(upload.body, {
        dir: this.#settings.uploadDir,
        fileName: upload.fileName,
        maxBytes: this.#settings.maxUploadBytes,
        ...(upload.declaredBytes === undefined ? {} : { declaredBytes: upload.declaredBytes }),
      })
      this.#recordStart(upload.userId)
      const progress = { bytesRead: 0, bytesTotal: received.sizeBytes, folder: received.folder }
      const afterId = await latestImportId(this.#store)
      const running = this.#run(upload, received, progress)
      imported = running.finally(() => rm(received.folder, { recursive: true, force: true }))
      const id = await waitForImportRow(this.#store, running, {
        afterId,
        kind: upload.kind,
        sha256: received.sha256,
        actor: upload.actor,
      })
      this.#progress.set(id, progress)
      this.#forgetOldest()
      imported.catch((error: unknown) => this.#settings.onError?.(id, error))
      return await this.get(id)
    } finally {
      this.#finishLater(upload.userId, imported)
    }
  }

  #run(upload: ImportUpload, received: { path: string }, progress: Progress) {
    // a failed bounty accrual leaves the import standing; it is reported under the import's id
    let accrualError: unknown = null
    return importFile(this.#store, {
      kind: upload.kind,
      path: received.path,
      actor: upload.actor,
      rejectsPath: `${received.path}.rejects.csv`,
      onAccrualError: (error) => {
        accrualError = error
      },
      onProgress: (step) => {
        progress.bytesRead = step.bytesRead
      },
      ...(upload.map === undefined ? {} : { map: upload.map }),
      ...(upload.dateFormat === undefined ? {} : { dateFormat: upload.dateFormat }),
      ...(upload.decimal === undefined ? {} : { decimal: upload.decimal }),
    }).then((result) => {
      if (accrualError !== null) {
        this.#settings.onError?.(result.importId, accrualError)
      }
      progress.bytesRead = progress.bytesTotal
      return result
    })
  }

  // the user's running count drops when the import ends, however it ends
  #finishLater(userId: number, imported: Promise<unknown>): void {
    const done = imported.then(
      () => undefined,
      () => undefined,
    )
    this.#running.add(done)
    void done.then(() => {
      this.#running.delete(done)
      this.#runningByUser.set(userId, Math.max(0, (this.#runningByUser.get(userId) ?? 1) - 1))
    })
  }

  #checkQuota(userId: number): void {
    const now = this.#settings.now()
    const running = this.#runningByUser.get(userId) ?? 0
    if (running >= this.#settings.maxRunningPerUser) {
      throw new RateLimitedError(`you already run ${running} imports: wait for one to finish`, 30)
    }
    const recent = (this.#startsByUser.get(userId) ?? []).filter((at) => now - at < HOUR_MS)
    this.#startsByUser.set(userId, recent)
    const oldest = recent[0]
    if (recent.length >= this.#settings.maxStartsPerHour && oldest !== undefined) {
      throw new RateLimitedError(
        `you started ${recent.length} imports in the last hour, the most allowed`,
        Math.max(1, Math.ceil((oldest + HOUR_MS - now) / 1000)),
      )
    }
  }

  #recordStart(userId: number): void {
    const starts = this.#startsByUser.get(userId) ?? []
    starts.push(this.#settings.now())
    this.#startsByUser.set(userId, starts)
  }

  #forgetOldest(): void {
    const ids = [...this.#progress.keys()].sort((a, b) => a - b)
    for (const id of ids.slice(0, Math.max(0, ids.length - FINISHED_KEPT))) {
      this.#progress.delete(id)
    }
  }

  /**
   * One import by id, with its progress when this server runs it.
   * @throws NotFoundError when there is no such import
   */
  async get(id: number): Promise<ImportJobView> {
    const run = await getImportRun(this.#store, id)
    if (run === undefined) {
      throw new NotFoundError('import not found')
    }
    return this.#view(run)
  }

  /** The newest imports first (CLI imports too), `limit` of them, older than `beforeId` if given. */
  async list(page: { limit?: number; beforeId?: number } = {}): Promise<ImportJobView[]> {
    const runs = await listImportRuns(this.#store, {
      limit: page.limit ?? 50,
      ...(page.beforeId === undefined ? {} : { beforeId: page.beforeId }),
    })
    return runs.map((run) => this.#view(run))
  }

  #view(run: ImportRun): ImportJobView {
    const progress = this.#progress.get(run.id)
    const done = run.status !== 'running'
    const error =
      progress === undefined || run.error === null
        ? run.error
        : run.error.replaceAll(progress.folder, '').replace(/^\/+/, '')
    return {
      id: run.id,
      kind: run.kind as ImportKind,
      fileName: run.file_name,
      state: run.status,
      bytesRead: progress === undefined ? 0 : done ? progress.bytesTotal : progress.bytesRead,
      bytesTotal: progress?.bytesTotal ?? null,
      inserted: run.inserted_count,
      updated: run.updated_count,
      unchanged: run.unchanged_count,
      rejected: run.rejected_count,
      startedAt: run.started_at,
      finishedAt: run.finished_at,
      error,
    }
  }

  /**
   * The import's rejected-rows report as CSV text, piece by piece: start line, field, reason code,
   * message and the raw record, every cell spreadsheet-safe (TESTPLAN T14).
   * @throws NotFoundError when there is no such import
   */
  async rejectsCsv(id: number): Promise<AsyncGenerator<string>> {
    await this.get(id)
    return this.#rejectLines(id)
  }

  async *#rejectLines(importId: number): AsyncGenerator<string> {
    yield formatCsvRow(['line', 'field', 'code', 'message', 'raw'])
    let after: { line: number; id: number } | null = null
    for (;;) {
      const rows: RejectedRowLine[] = await readRejectedRows(this.#store, {
        importId,
        after,
        limit: REJECT_PAGE,
      })
      yield rows
        .map((row) => formatCsvRow([row.line, row.field, row.code, row.message, row.raw]))
        .join('')
      const last = rows.at(-1)
      if (rows.length < REJECT_PAGE || last === undefined) {
        return
      }
      after = { line: last.line, id: last.id }
    }
  }

  /** Waits for the imports this server started to end. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#running])
  }
}
