/**
 * Distinct rows of a few Float64 columns, in first-seen order. Each column is first coded to
 * small integers through a hash table that holds its few distinct values (it stays in cache),
 * then the codes are paired column by column — by direct addressing when the pairs are few, by
 * hashing the packed pair otherwise — so no step reads the input rows at random.
 * O(n · columns) expected.
 */

/** The distinct rows: `representative[k]` is the first input row of distinct row k. */
export interface DistinctRows {
  readonly count: number
  /** first input row of each distinct row (length `count`) */
  readonly representative: Int32Array
  /** the distinct row each input row belongs to (length n) */
  readonly rowOf: Int32Array
}

const EMPTY = -1
/** pairs of codes up to this many are looked up in a plain array */
const DIRECT_LIMIT = 1 << 20

function hashWords(low: number, high: number): number {
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}

/** A growable list of first rows. */
class FirstRows {
  #rows = new Int32Array(1024)
  #count = 0

  get count(): number {
    return this.#count
  }

  /** appends `row` and returns its code */
  add(row: number): number {
    if (this.#count === this.#rows.length) {
      const larger = new Int32Array(this.#rows.length * 2)
      larger.set(this.#rows)
      this.#rows = larger
    }
    this.#rows[this.#count] = row
    return this.#count++
  }

  toArray(): Int32Array {
    return this.#rows.slice(0, this.#count)
  }
}

/**
 * Open-addressing table from a key (a finite double: a column value, or a packed pair of codes)
 * to its code, keys and codes side by side so a probe touches one place.
 */
class KeyTable {
  #keys = new Float64Array(1024)
  #codes = new Int32Array(1024).fill(EMPTY)
  #size = 0
  readonly #bits = new Float64Array(1)
  readonly #words = new Uint32Array(this.#bits.buffer)

  #slotOf(key: number): number {
    this.#bits[0] = key + 0
    return hashWords(this.#words[0]!, this.#words[1]!) & (this.#codes.length - 1)
  }

  /** the code of `key`, or `EMPTY`; when absent, inserts it with `code` */
  getOrInsert(key: number, code: number): number {
    const mask = this.#codes.length - 1
    let slot = this.#slotOf(key)
    for (;;) {
      const found = this.#codes[slot]!
      if (found === EMPTY) {
        this.#keys[slot] = key
        this.#codes[slot] = code
        if (2 * ++this.#size > this.#codes.length) {
          this.#grow()
        }
        return EMPTY
      }
      if (this.#keys[slot] === key) {
        return found
      }
      slot = (slot + 1) & mask
    }
  }

  #grow(): void {
    const keys = this.#keys
    const codes = this.#codes
    this.#keys = new Float64Array(keys.length * 2)
    this.#codes = new Int32Array(codes.length * 2).fill(EMPTY)
    const mask = this.#codes.length - 1
    for (let s = 0; s < codes.length; s++) {
      if (codes[s] !== EMPTY) {
        let slot = this.#slotOf(keys[s]!)
        while (this.#codes[slot] !== EMPTY) {
          slot = (slot + 1) & mask
        }
        this.#keys[slot] = keys[s]!
        this.#codes[slot] = codes[s]!
      }
    }
  }
}

/** Codes the values of one column 0, 1, 2 … in first-seen order (−0 counts as 0). */
function columnCodes(column: Float64Array, length: number): DistinctRows {
  const rowOf = new Int32Array(length)
  const first = new FirstRows()
  const table = new KeyTable()
  for (let row = 0; row < length; row++) {
    const code = table.getOrInsert(column[row]!, first.count)
    rowOf[row] = code === EMPTY ? first.add(row) : code
  }
  return { count: first.count, representative: first.toArray(), rowOf }
}

/** Codes distinct (a, b) pairs by a plain array indexed a·countB + b. */
function directPairs(a: DistinctRows, b: DistinctRows, length: number): DistinctRows {
  const table = new Int32Array(a.count * b.count).fill(EMPTY)
  const rowOf = new Int32Array(length)
  const first = new FirstRows()
  for (let row = 0; row < length; row++) {
    const key = a.rowOf[row]! * b.count + b.rowOf[row]!
    let code = table[key]!
    if (code === EMPTY) {
      code = first.add(row)
      table[key] = code
    }
    rowOf[row] = code
  }
  return { count: first.count, representative: first.toArray(), rowOf }
}

/** Codes distinct (a, b) pairs by hashing a·countB + b (exact: both counts are below 2^31). */
function hashedPairs(a: DistinctRows, b: DistinctRows, length: number): DistinctRows {
  const rowOf = new Int32Array(length)
  const first = new FirstRows()
  const table = new KeyTable()
  for (let row = 0; row < length; row++) {
    const key = a.rowOf[row]! * b.count + b.rowOf[row]!
    const code = table.getOrInsert(key, first.count)
    rowOf[row] = code === EMPTY ? first.add(row) : code
  }
  return { count: first.count, representative: first.toArray(), rowOf }
}

/**
 * Groups the first `length` rows of `columns` (equal numbers, with −0 = 0) into distinct rows.
 * The columns must be free of NaN (NaN never equals itself and would stay a row of its own).
 */
export function distinctRows(columns: readonly Float64Array[], length: number): DistinctRows {
  const [firstColumn, ...rest] = columns
  if (firstColumn === undefined) {
    const count = length > 0 ? 1 : 0
    return { count, representative: new Int32Array(count), rowOf: new Int32Array(length) }
  }
  let groups = columnCodes(firstColumn, length)
  for (const column of rest) {
    const next = columnCodes(column, length)
    groups =
      groups.count * next.count <= DIRECT_LIMIT
        ? directPairs(groups, next, length)
        : hashedPairs(groups, next, length)
  }
  return groups
}
