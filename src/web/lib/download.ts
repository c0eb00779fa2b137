import { apiErrorFrom, networkError } from '../api/api-error.js'

/**
 * POSTs JSON to an API route that answers a file (a PDF) and hands it to the browser as a
 * download under the name the server gave. The API client speaks JSON only, so this one write
 * carries the session's CSRF token itself. Returns the answer's headers (e.g. what a batch skipped).
 */
export async function postForDownload(
  path: string,
  body: unknown,
  csrfToken: string,
): Promise<Headers> {
  let response: Response
  try {
    response = await fetch(`/api${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    })
  } catch (error) {
    throw networkError(error)
  }
  if (!response.ok) {
    throw await apiErrorFrom(response)
  }
  const disposition = response.headers.get('content-disposition') ?? ''
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download'
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // the click has taken the blob; free it once the browser had a moment to start the download
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return response.headers
}
