import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'

/** Debian's Chromium; never a downloaded browser (the machines reach only npm and apt). */
export const CHROMIUM_PATH = process.env['COMEBACK_CHROMIUM'] ?? '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Whether the browser tests can run here: they need Debian's Chromium. Outside CI a missing
 * browser skips them with the reason; in CI (`CI` set) it is a failure, so the caller throws.
 */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) {
    return null
  }
  const reason = `${CHROMIUM_PATH} is missing (apt-get install -y chromium)`
  if (process.env['CI'] !== undefined && process.env['CI'] !== '') {
    throw new Error(`browser e2e must run in CI: ${reason}`)
  }
  return reason
}

/** Launches headless Chromium with a fresh profile (playwright makes a temporary user-data-dir). */
export async function launchChromium(): Promise<Browser> {
  return await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  })
}

/**
 * Strings that execute script if any page renders them as HTML or follows them as links
 * (OWASP XSS filter evasion examples, TESTPLAN T12); each sets `window.__pwn` or opens a dialog.
 */
export const XSS_CORPUS: readonly string[] = [
  '<img src=x onerror="window.__pwn=1">',
  '"><script>window.__pwn=1</script>',
  'javascript:window.__pwn=1//',
  '<svg onload=window.__pwn=1>',
  '\'><iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  "{{constructor.constructor('window.__pwn=1')()}}",
  '<body onload=alert(1)>',
  '"onmouseover="window.__pwn=1" x="',
  '<details open ontoggle=window.__pwn=1>',
  '<scr<script>ipt>window.__pwn=1</scr</script>ipt>',
  '\u003cimg src=x onerror=confirm(1)\u003e',
]

/** What a page did that it must never do: dialogs opened and the `__pwn` marker set. */
export interface XssWatch {
  readonly dialogs: string[]
  readonly pageErrors: string[]
  readonly cspViolations: string[]
  /** reads `window.__pwn` in the page (undefined when no payload ran) */
  marker(): Promise<unknown>
}

/** Watches a page for dialogs (dismissed at once), uncaught errors and CSP violations. */
export function watchForXss(page: Page): XssWatch {
  const watch: XssWatch = {
    dialogs: [],
    pageErrors: [],
    cspViolations: [],
    marker: () => page.evaluate(() => (globalThis as { __pwn?: unknown }).__pwn),
  }
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    dialog.dismiss().catch(() => undefined)
  })
  page.on('pageerror', (error) => watch.pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      watch.cspViolations.push(message.text())
    }
  })
  return watch
}

/** Where the e2e run saves its screenshots (gitignored). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots')

/** Saves a full-page screenshot as `test-results/screenshots/<name>.png` and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
