import { ApiError, apiErrorFrom, networkError } from './api-error.js'

/** Values a query string may carry; `undefined`, `null` and `''` are left out. */
export type QueryValue = string | number | boolean | null | undefined
export type QueryParams = Readonly<Record<string, QueryValue>>

/** How the web app talks to the API: JSON over same-origin fetch, the CSRF token on writes. */
export interface ApiClient {
  get<TResult>(
    path: string,
    options?: { query?: QueryParams; signal?: AbortSignal },
  ): Promise<TResult>
  send<TResult>(
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    options?: SendOptions,
  ): Promise<TResult>
  upload<TResult>(path: string, file: Blob, options: UploadOptions): Promise<TResult>
  setCsrfToken(token: string | null): void
}

/** Extra headers of a write: `ifMatch` is the ETag it was based on (TESTPLAN T6: 412 when stale). */
export interface SendOptions {
  readonly ifMatch?: string
}

/** A raw-body upload: its content type, query and a progress callback (0 to 1). */
export interface UploadOptions {
  readonly contentType: string
  readonly query?: QueryParams
  readonly onProgress?: (fraction: number) => void
}

/** `/api` + path + the non-empty query parameters. */
export function apiUrl(path: string, query: QueryParams = {}): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value))
    }
  }
  const text = search.toString()
  return `/api${path}${text === '' ? '' : `?${text}`}`
}

async function readJson<TResult>(response: Response): Promise<TResult> {
  if (!response.ok) {
    throw await apiErrorFrom(response)
  }
  return (await response.json()) as TResult
}

/**
 * Makes the client; `onUnauthenticated` runs when a request answers 401 (the session ended),
 * so the app can go back to sign-in.
 * @example const api = createApiClient({ onUnauthenticated: () => setMe(null) })
 */
export function createApiClient(
  options: { fetch?: typeof fetch; onUnauthenticated?: () => void } = {},
): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init))
  let csrfToken: string | null = null

  async function request<TResult>(url: string, init: RequestInit): Promise<TResult> {
    let response: Response
    try {
      response = await doFetch(url, { credentials: 'same-origin', ...init })
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        throw error
      }
      throw networkError(error)
    }
    if (response.status === 401 && !url.startsWith('/api/session')) {
      options.onUnauthenticated?.()
    }
    return await readJson<TResult>(response)
  }

  return {
    get: (path, { query, signal } = {}) =>
      request(apiUrl(path, query), {
        headers: { accept: 'application/json' },
        ...(signal === undefined ? {} : { signal }),
      }),
    send: (method, path, body, sendOptions = {}) =>
      request(apiUrl(path), {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(csrfToken === null ? {} : { 'x-csrf-token': csrfToken }),
          ...(sendOptions.ifMatch === undefined ? {} : { 'if-match': sendOptions.ifMatch }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    upload: (path, file, uploadOptions) =>
      uploadWithProgress(apiUrl(path, uploadOptions.query), file, {
        ...uploadOptions,
        csrfToken,
      }),
    setCsrfToken: (token) => {
      csrfToken = token
    },
  }
}

// fetch cannot report upload progress, XMLHttpRequest can
function uploadWithProgress<TResult>(
  url: string,
  file: Blob,
  options: UploadOptions & { csrfToken: string | null },
): Promise<TResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.setRequestHeader('content-type', options.contentType)
    xhr.setRequestHeader('accept', 'application/json')
    if (options.csrfToken !== null) {
      xhr.setRequestHeader('x-csrf-token', options.csrfToken)
    }
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) {
        options.onProgress?.(event.loaded / event.total)
      }
    })
    xhr.addEventListener('error', () => reject(networkError(new Error('upload failed'))))
    xhr.addEventListener('load', () => {
      const response = new Response(xhr.responseText === '' ? null : xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'text/plain' },
      })
      readJson<TResult>(response).then(resolve, (error: unknown) =>
        reject(error instanceof ApiError ? error : networkError(error)),
      )
    })
    xhr.send(file)
  })
}
