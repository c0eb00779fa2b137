import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApiError } from '../api/api-error.js'
import { toApiError } from '../api/api-error.js'

/** A read in flight or done: the newest data (kept while reloading), or the error. */
export interface QueryState<TData> {
  readonly data: TData | undefined
  readonly error: ApiError | undefined
  readonly loading: boolean
  reload(): void
}

/**
 * Runs `load` whenever `key` changes, cancelling the previous request, and keeps the last data
 * while the next loads so pages do not flash empty between pages of a list.
 * @example const customers = useApiQuery(`customers:${page}`, (signal) => api.get('/customers', { signal }))
 */
export function useApiQuery<TData>(
  key: string,
  load: (signal: AbortSignal) => Promise<TData>,
): QueryState<TData> {
  const [data, setData] = useState<TData | undefined>(undefined)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const [loading, setLoading] = useState(true)
  const [attempt, setAttempt] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and attempt say when to load again
  useEffect(() => {
    const controller = new AbortController()
    setLoading(true)
    setError(undefined)
    loadRef.current(controller.signal).then(
      (result) => {
        if (!controller.signal.aborted) {
          setData(result)
          setLoading(false)
        }
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) {
          setError(toApiError(failure))
          setLoading(false)
        }
      },
    )
    return () => controller.abort()
  }, [key, attempt])

  const reload = useCallback(() => setAttempt((count) => count + 1), [])
  return { data, error, loading, reload }
}
