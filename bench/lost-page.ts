/**
 * `lost_page_load_ms`: how long Debian's Chromium takes from navigation start to the first rows of
 * the lost list on screen, loading `/lost` in a fresh browser context (no HTTP cache, no stored
 * state: a cold load) against the bench server with the built web app (SPEC "Quality bars": under
 * 1000 ms). The session is made through the API and handed to the browser as its cookie, so the
 * figure is the page's own: HTML, script, `/api/me`, `/api/lost`, render. The median of `loads`.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { CHROMIUM_PATH } from '../src/test-support/browser.js'

/** What one page-load measurement needs: a server with the web app, and a session cookie. */
export interface LostPageTarget {
  /** the server's origin, e.g. `http://127.0.0.1:4000` */
  readonly url: string
  /** `name=value` of the signed-in session cookie */
  readonly cookie: string
  readonly loads?: number
}

const ROWS_SELECTOR = '.lost-table tbody tr'

// what the check below reads in the page (this file is compiled without the DOM's types)
type PageGlobals = { document: { querySelector(selector: string): unknown } }

/**
 * The median, fastest and slowest cold load of `/lost` until its rows render, in ms; null when the
 * web app is not built or Chromium is missing (the caller leaves the figure out and says why).
 * @example const ms = await measureLostPage({ url, cookie }) // { medianMs: 420, … }
 */
export async function measureLostPage(
  target: LostPageTarget,
): Promise<{ medianMs: number; minMs: number; maxMs: number } | null> {
  if (!existsSync(CHROMIUM_PATH) || !existsSync(join(process.cwd(), 'dist', 'web', 'index.html'))) {
    return null
  }
  // the `__Host-` cookie is Secure: Chromium keeps it for http only on localhost
  const origin = target.url.replace('127.0.0.1', 'localhost')
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  try {
    // one load first, untimed: Chromium's own first start is not the page's cost
    await loadOnce(browser, origin, target.cookie)
    const times: number[] = []
    for (let load = 0; load < (target.loads ?? 7); load += 1) {
      times.push(await loadOnce(browser, origin, target.cookie))
    }
    times.sort((a, b) => a - b)
    return {
      medianMs: times[Math.floor(times.length / 2)] as number,
      minMs: times[0] as number,
      maxMs: times.at(-1) as number,
    }
  } finally {
    await browser.close()
  }
}

async function loadOnce(browser: Browser, origin: string, cookie: string): Promise<number> {
  const context = await browser.newContext()
  try {
    const [name, ...value] = cookie.split('=')
    await context.addCookies([
      {
        name: name as string,
        value: value.join('='),
        domain: new URL(origin).hostname,
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
      },
    ])
    const page = await context.newPage()
    await page.goto(`${origin}/lost`, { waitUntil: 'commit' })
    // performance.now() in the page counts from its navigation start; the check runs in the page,
    // so it may use nothing from this module
    const rendered = await page.waitForFunction(
      (selector) =>
        (globalThis as unknown as PageGlobals).document.querySelector(selector) === null
          ? false
          : performance.now(),
      ROWS_SELECTOR,
      { polling: 'raf', timeout: 30_000 },
    )
    return Math.round((await rendered.jsonValue()) as number)
  } finally {
    await context.close()
  }
}
