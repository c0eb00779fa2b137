import { readCustomerNamesChunk, type Store } from '../store/index.js'
import type { LostIndex } from './lost-index.js'
import { createPageCache, type PageCache } from './page-cache.js'

/**
 * What the lost list's search looks in: every entry of a run's index as `name \u0001 id \u0000`,
 * in lower case, in one string, and where each entry starts. One `indexOf` along one long string
 * finds every match in a few tens of ms at a million customers; `includes` on each of a million
 * short strings takes ten times longer.
 */
export interface SearchText {
  readonly text: string
  /** where each entry's text starts; one more at the end */
  readonly starts: Int32Array
  /** the last searches' matches (one byte per entry), for paging through one search */
  readonly found: PageCache<Uint8Array>
}

const CHUNK_ROWS = 50_000
const SEARCHES_KEPT = 32
const built = new WeakMap<LostIndex, Promise<SearchText>>()

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * The search text of an index's customers, read once per index (a few seconds at a million
 * customers, done by `warmLostList` before the first search), then kept beside it.
 * @example const text = await searchTextOf(store, summary.index)
 */
export function searchTextOf(store: Store, index: LostIndex): Promise<SearchText> {
  const found = built.get(index)
  if (found !== undefined) {
    return found
  }
  const made = readSearchText(store, index)
  built.set(index, made)
  made.catch(() => built.delete(index))
  return made
}

async function readSearchText(store: Store, index: LostIndex): Promise<SearchText> {
  const entryOf = new Map<string, number>()
  for (const [entry, id] of index.ids.entries()) {
    entryOf.set(id, entry)
  }
  const names: string[] = index.ids.map(() => '')
  let after: string | null = null
  for (;;) {
    const rows = await readCustomerNamesChunk(store, { after, limit: CHUNK_ROWS })
    for (const row of rows) {
      const entry = entryOf.get(row.id)
      if (entry !== undefined && row.name !== null) {
        names[entry] = row.name
      }
    }
    const last = rows.at(-1)
    if (rows.length < CHUNK_ROWS || last === undefined) {
      break
    }
    after = last.id
    // on SQLite each read holds the thread: let waiting requests run between steps
    await nextTurn()
  }
  const parts = index.ids.map((id, entry) => `${names[entry]}\u0001${id}\u0000`.toLowerCase())
  const starts = new Int32Array(parts.length + 1)
  for (const [entry, part] of parts.entries()) {
    starts[entry + 1] = (starts[entry] as number) + part.length
  }
  return { text: parts.join(''), starts, found: createPageCache(SEARCHES_KEPT) }
}

/**
 * The lost list's search: a customer matches when their name or id contains the text, ignoring
 * case (JavaScript's lower case, which folds non-ASCII letters too, as PostgreSQL's `lower` does
 * and SQLite's does not). A text with the separators \u0000 or \u0001 matches no one. Lost deals
 * match the same way on their name, account name and id.
 * @example searchTest(text, 'acme')(entry) // true for "ACME Corp"
 */
export function searchTest(text: SearchText, search: string): (entry: number) => boolean {
  const wanted = search.toLowerCase()
  let found = text.found.get(wanted)
  if (found === undefined) {
    found = matchesOf(text, wanted)
    text.found.set(wanted, found)
  }
  const matched = found
  return (entry) => matched[entry] === 1
}

function matchesOf(text: SearchText, wanted: string): Uint8Array {
  const matched = new Uint8Array(text.starts.length - 1)
  if (wanted.includes('\u0000') || wanted.includes('\u0001')) {
    return matched
  }
  let at = text.text.indexOf(wanted)
  while (at >= 0) {
    const entry = entryAt(text.starts, at)
    matched[entry] = 1
    // the next match can only be in a later entry that has not matched yet
    at = text.text.indexOf(wanted, text.starts[entry + 1])
  }
  return matched
}

// the entry whose text holds position `at`: the last start at or before it
function entryAt(starts: Int32Array, at: number): number {
  let low = 0
  let high = starts.length - 2
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if ((starts[middle] as number) <= at) {
      low = middle
    } else {
      high = middle - 1
    }
  }
  return low
}
