import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react'
import { type ApiClient, createApiClient } from '../api/api-client.js'
import { ApiError, toApiError } from '../api/api-error.js'
import type { MeResponse } from '../api/contract-types.js'

/** Where the visitor stands: still asking the server, signed out, or signed in (maybe owing a factor). */
export type SessionState =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signed_out'; readonly notice: string | null }
  | { readonly kind: 'failed'; readonly error: ApiError }
  | { readonly kind: 'signed_in'; readonly me: MeResponse }

/** The session and the API client, for every page. */
export interface SessionContextValue {
  readonly state: SessionState
  readonly api: ApiClient
  /** takes the answer of a sign-in step (or `/me`) as the new session */
  accept(me: MeResponse): void
  signOut(): Promise<void>
  recheck(): void
}

const SessionContext = createContext<SessionContextValue | null>(null)

/** Provides the session: asks `/api/me` once, then follows sign-in, second factor and sign-out. */
export function SessionProvider(props: { children: ReactNode; api?: ApiClient }) {
  const [state, setState] = useState<SessionState>({ kind: 'checking' })
  const api = useMemo(
    () =>
      props.api ??
      createApiClient({
        onUnauthenticated: () =>
          setState((previous) =>
            previous.kind === 'signed_in'
              ? { kind: 'signed_out', notice: 'Your session has ended. Please sign in again.' }
              : previous,
          ),
      }),
    [props.api],
  )
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt asks again on purpose
  useEffect(() => {
    let current = true
    api.get<MeResponse>('/me').then(
      (me) => {
        if (current) {
          api.setCsrfToken(me.csrfToken)
          setState({ kind: 'signed_in', me })
        }
      },
      (failure: unknown) => {
        const error = toApiError(failure)
        if (current) {
          setState(
            error.status === 401 ? { kind: 'signed_out', notice: null } : { kind: 'failed', error },
          )
        }
      },
    )
    return () => {
      current = false
    }
  }, [api, attempt])

  const accept = useCallback(
    (me: MeResponse) => {
      api.setCsrfToken(me.csrfToken)
      setState({ kind: 'signed_in', me })
    },
    [api],
  )
  const signOut = useCallback(async () => {
    try {
      await api.send('DELETE', '/session')
    } catch (error) {
      // a session the server already ended is signed out all the same
      if (!(error instanceof ApiError && error.status === 401)) {
        throw error
      }
    }
    api.setCsrfToken(null)
    setState({ kind: 'signed_out', notice: 'You have signed out.' })
  }, [api])
  const recheck = useCallback(() => setAttempt((count) => count + 1), [])

  const value = useMemo(
    () => ({ state, api, accept, signOut, recheck }),
    [state, api, accept, signOut, recheck],
  )
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>
}

/** The session context; pages inside `SessionProvider` only. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext)
  if (value === null) {
    throw new Error('useSession outside SessionProvider')
  }
  return value
}

/** The API client of the session. */
export function useApi(): ApiClient {
  return useSession().api
}

/** The signed-in user's answer from `/me`; only on pages shown when signed in. */
export function useMe(): MeResponse {
  const { state } = useSession()
  if (state.kind !== 'signed_in') {
    throw new Error('useMe while not signed in')
  }
  return state.me
}
