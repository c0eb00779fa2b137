import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, join, resolve, sep } from 'node:path'
import type { Context, Hono } from 'hono'
import type { ServerEnv } from './server-env.js'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
}

// vite names built assets by content hash, so they never change under the same name
const IMMUTABLE = 'public, max-age=31536000, immutable'

/** The built web app's folder (`dist/web`), from this file's place in `src/server` or `dist/server`. */
export function defaultWebRoot(): string {
  return resolve(decodeURIComponent(new URL('../../dist/web', import.meta.url).pathname))
}

/**
 * Serves the built web app (vite's `dist/web`) beside the API: files by path with their content
 * type, `index.html` for any other path outside `/api` (the app routes in the browser), never a
 * file outside `root`. Mount it after `createApp`'s routes; the security headers (CSP without
 * inline scripts) come from `createApp`'s middleware. Without a build it answers 503 and says how
 * to build.
 * @example mountWebApp(createApp({ store }), { root: defaultWebRoot() })
 */
export function mountWebApp(app: Hono<ServerEnv>, options: { root: string }): void {
  const root = resolve(options.root)
  const handler = (c: Context<ServerEnv>) => {
    const path = c.req.path
    if (path === '/api' || path.startsWith('/api/')) {
      return c.notFound()
    }
    const file = fileUnder(root, path)
    if (file !== null) {
      return sendFile(c, file, path.startsWith('/assets/') ? IMMUTABLE : 'no-cache')
    }
    if (path.startsWith('/assets/') || extname(path) !== '') {
      return c.text('Not found', 404)
    }
    const index = join(root, 'index.html')
    if (!existsSync(index)) {
      return c.text('The web app is not built: run `npm run build:web`.', 503)
    }
    return sendFile(c, index, 'no-cache')
  }
  app.get('*', handler)
  app.on('HEAD', '*', handler)
}

/** The regular file `path` names under `root`, or null (missing, a folder, or outside `root`). */
export function fileUnder(root: string, path: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..')) {
    return null
  }
  const file = resolve(root, `.${decoded}`)
  if (!file.startsWith(`${root}${sep}`)) {
    return null
  }
  try {
    return statSync(file).isFile() ? file : null
  } catch {
    return null
  }
}

function sendFile(c: Context<ServerEnv>, file: string, cacheControl: string): Response {
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
  return c.body(readFileSync(file), 200, { 'Content-Type': type, 'Cache-Control': cacheControl })
}
