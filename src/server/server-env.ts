import type { AuthenticatedSession, SessionSettings, Store } from '../app/index.js'

/** Deployment settings of the HTTP server (SPEC: they come from the environment or flags). */
export interface ServerConfig {
  /** the origin browsers use, e.g. `https://comeback.example.com`; default: the request's own */
  readonly publicOrigin?: string
  /** trust `X-Forwarded-Proto` from a reverse proxy in front (decides HSTS) */
  readonly trustProxy?: boolean
  readonly session?: SessionSettings
  /** largest JSON body accepted; default 1 MiB */
  readonly maxJsonBodyBytes?: number
}

/** One structured log line; stacks and causes go here, never into a response. */
export type LogEntry = Readonly<Record<string, unknown>>

/** What the server is built from: the store, a clock (tests move it), settings and a log sink. */
export interface ServerDeps {
  readonly store: Store
  readonly clock?: () => Date
  readonly config?: ServerConfig
  readonly log?: (entry: LogEntry) => void
}

/** `ServerDeps` with every default filled in. */
export interface ResolvedDeps {
  readonly store: Store
  readonly clock: () => Date
  readonly config: Required<Omit<ServerConfig, 'publicOrigin'>> & { publicOrigin: string | null }
  readonly log: (entry: LogEntry) => void
}

/** Per-request values the middleware hands to the routes. */
export interface ServerEnv {
  Variables: {
    requestId: string
    session: AuthenticatedSession | null
    sessionToken: string | null
  }
}
