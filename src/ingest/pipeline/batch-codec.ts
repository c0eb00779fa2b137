import type { ImportKind, RecordByKind } from '../../domain/records.js'

/**
 * A batch of records packed for a cheap hop between threads: every text in one string with its
 * lengths, numbers in a Float64Array, repeated short texts (currency, status, role) as indices into
 * a small dictionary. Cloning a million objects costs the receiving thread about twice as much.
 */
export interface PackedBatch {
  readonly count: number
  readonly text: string
  readonly lengths: Int32Array
  readonly numbers: Float64Array
  readonly words: Uint16Array
  readonly dictionary: readonly string[]
}

/** How many texts, numbers and words one record of a kind writes. */
export interface RecordShape {
  readonly texts: number
  readonly numbers: number
  readonly words: number
}

/** Collects the fields of `count` records in order, into arrays sized up front; `pack` seals them. */
export class BatchWriter {
  readonly #parts: string[]
  readonly #lengths: Int32Array
  readonly #numbers: Float64Array
  readonly #words: Uint16Array
  readonly #dictionary = new Map<string, number>()
  readonly #count: number
  #partAt = 0
  #lengthAt = 0
  #numberAt = 0
  #wordAt = 0

  constructor(shape: RecordShape, count: number) {
    this.#count = count
    this.#parts = new Array<string>(shape.texts * count)
    this.#lengths = new Int32Array(shape.texts * count)
    this.#numbers = new Float64Array(shape.numbers * count)
    this.#words = new Uint16Array(shape.words * count)
  }

  text(value: string): void {
    this.#parts[this.#partAt++] = value
    this.#lengths[this.#lengthAt++] = value.length
  }

  maybeText(value: string | null): void {
    if (value === null) {
      this.#lengths[this.#lengthAt++] = -1
    } else {
      this.text(value)
    }
  }

  number(value: number): void {
    this.#numbers[this.#numberAt++] = value
  }

  word(value: string): void {
    let index = this.#dictionary.get(value)
    if (index === undefined) {
      index = this.#dictionary.size
      this.#dictionary.set(value, index)
    }
    this.#words[this.#wordAt++] = index
  }

  pack(): PackedBatch {
    this.#parts.length = this.#partAt
    return {
      count: this.#count,
      text: this.#parts.join(''),
      lengths: this.#lengths,
      numbers: this.#numbers,
      words: this.#words,
      dictionary: [...this.#dictionary.keys()],
    }
  }
}

/** Reads a PackedBatch's fields back in the order they were written. */
export class BatchReader {
  readonly #batch: PackedBatch
  #textAt = 0
  #lengthAt = 0
  #numberAt = 0
  #wordAt = 0

  constructor(batch: PackedBatch) {
    this.#batch = batch
  }

  text(): string {
    return this.maybeText() ?? ''
  }

  maybeText(): string | null {
    const length = this.#batch.lengths[this.#lengthAt++] ?? -1
    if (length < 0) {
      return null
    }
    const start = this.#textAt
    this.#textAt += length
    return this.#batch.text.slice(start, this.#textAt)
  }

  number(): number {
    return this.#batch.numbers[this.#numberAt++] ?? Number.NaN
  }

  word(): string {
    return this.#batch.dictionary[this.#batch.words[this.#wordAt++] ?? 0] ?? ''
  }
}

/** How one kind's records are written to and read from a packed batch, field by field. */
export interface RecordCodec<TRecord> {
  readonly shape: RecordShape
  write(record: TRecord, writer: BatchWriter): void
  read(reader: BatchReader): TRecord
}

/** Packs records of one kind. */
export function packRecords<TKind extends ImportKind>(
  codec: RecordCodec<RecordByKind[TKind]>,
  records: readonly RecordByKind[TKind][],
): PackedBatch {
  const writer = new BatchWriter(codec.shape, records.length)
  for (const record of records) {
    codec.write(record, writer)
  }
  return writer.pack()
}

/** Unpacks the records of a packed batch. */
export function unpackRecords<TRecord>(codec: RecordCodec<TRecord>, batch: PackedBatch): TRecord[] {
  const reader = new BatchReader(batch)
  const records: TRecord[] = new Array(batch.count)
  for (let i = 0; i < batch.count; i++) {
    records[i] = codec.read(reader)
  }
  return records
}
