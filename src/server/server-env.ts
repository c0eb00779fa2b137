import type {
  AuthenticatedSession,
  ImportJobs,
  QuotaRules,
  Quotas,
  SessionSettings,
  Store,
} from '../app/index.js'

/** Deployment settings of the HTTP server (SPEC: they come from the environment or flags). */
export interface ServerConfig {
  /** the origin browsers use, e.g. `https://comeback.example.com`; default: the request's own */
  readonly publicOrigin?: string
  /** trust `X-Forwarded-Proto` from a reverse proxy in front (decides HSTS) */
  readonly trustProxy?: boolean
  readonly session?: SessionSettings
  /** largest JSON body accepted; default 1 MiB */
  readonly maxJsonBodyBytes?: number
  /** largest file upload (`POST /api/imports`) accepted; default 1 GiB */
  readonly maxUploadBytes?: number
  /** where uploads wait while they import; default the system's temporary folder */
  readonly uploadDir?: string
  /** keep lost-list pages for the same version of the data (default true; the bench turns it off) */
  readonly cacheLostPages?: boolean
  /** per-user quotas for searches, exports and imports (TESTPLAN T18); default `DEFAULT_QUOTA_RULES` */
  readonly quotas?: Partial<QuotaRules>
  /** rows with names or contacts a manager or rep may export at once; default 100 */
  readonly maxPiiExportRows?: number
}

/** One structured log line; stacks and causes go here, never into a response. */
export type LogEntry = Readonly<Record<string, unknown>>

/** What the server is built from: the store, a clock (tests move it), settings and a log sink. */
export interface ServerDeps {
  readonly store: Store
  readonly clock?: () => Date
  readonly config?: ServerConfig
  readonly log?: (entry: LogEntry) => void
  /** the imports the server runs; default a new `ImportJobs` on the store (its owner closes it) */
  readonly importJobs?: ImportJobs
  /** the built web app served beside the API; default `dist/web`; null serves the API alone */
  readonly webRoot?: string | null
}

/** `ServerDeps` with every default filled in. */
export interface ResolvedDeps {
  readonly store: Store
  readonly clock: () => Date
  readonly config: Required<Omit<ServerConfig, 'publicOrigin' | 'uploadDir' | 'quotas'>> & {
    publicOrigin: string | null
  }
  readonly log: (entry: LogEntry) => void
  readonly importJobs: ImportJobs
  /** the per-user quotas, counted in this process */
  readonly quotas: Quotas
}

/** Per-request values the middleware hands to the routes. */
export interface ServerEnv {
  Variables: {
    requestId: string
    session: AuthenticatedSession | null
    sessionToken: string | null
  }
}
