import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react'

const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

const currentHref = () => `${window.location.pathname}${window.location.search}`

/** The current path and query, re-rendering on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, currentHref, () => '/')
  const url = new URL(href, 'http://app.invalid')
  return { pathname: url.pathname, search: url.searchParams }
}

/** Goes to an in-app path; `replace` keeps the history entry (for filter changes). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentHref()) {
    return
  }
  if (options.replace === true) {
    window.history.replaceState(null, '', to)
  } else {
    window.history.pushState(null, '', to)
  }
  for (const listener of listeners) {
    listener()
  }
}

/** An in-app path with a query built from the non-empty values. */
export function pathWithQuery(pathname: string, query: Readonly<Record<string, string>>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== '') {
      search.set(key, value)
    }
  }
  const text = search.toString()
  return text === '' ? pathname : `${pathname}?${text}`
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey
}

/** A link to an in-app path that navigates without reloading; new-tab clicks still work. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const { to, onClick, ...rest } = props
  return (
    <a
      {...rest}
      href={to}
      onClick={(event) => {
        onClick?.(event)
        if (!event.defaultPrevented && isPlainLeftClick(event)) {
          event.preventDefault()
          navigate(to)
          window.scrollTo(0, 0)
        }
      }}
    />
  )
}

/** Matches `/customers/:id`-style patterns; returns the decoded parameters or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/')
  const pathParts = pathname.replace(/\/+$/, '').split('/')
  if (pathname === '/' && pattern === '/') {
    return {}
  }
  if (patternParts.length !== pathParts.length) {
    return null
  }
  const params: Record<string, string> = {}
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? ''
    if (part.startsWith(':')) {
      if (actual === '') {
        return null
      }
      try {
        params[part.slice(1)] = decodeURIComponent(actual)
      } catch {
        return null
      }
    } else if (part !== actual) {
      return null
    }
  }
  return params
}
