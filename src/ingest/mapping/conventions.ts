import { ValidationError } from '../../domain/errors.js'
import {
  type AmountProblem,
  type AmountReading,
  type DecimalMark,
  decimalMarkEvidence,
  readAmount,
  readPlainAmount,
} from '../fields/amounts.js'
import {
  type DateOrder,
  type DateProblem,
  dateOrderEvidence,
  readDate,
  readIsoDay,
} from '../fields/dates.js'

/** What a whole-file scan of one column found: the conventions its values prove, and whether any could go either way. */
export interface ConventionEvidence<T> {
  readonly proven: ReadonlySet<T>
  readonly undecided: boolean
}

/** Scans the whole file (synchronously, in the parse worker) for the evidence in one column. */
export interface ConventionScanner {
  dateOrder(column: number): ConventionEvidence<DateOrder>
  decimalMark(column: number, exponent: number): ConventionEvidence<DecimalMark>
}

/** The settings a file's values are read with: company currency, time zone, options given. */
export interface ReadingOptions {
  readonly fileName: string
  readonly dateOrder: DateOrder | null
  readonly decimal: DecimalMark | null
  readonly currency: string
  readonly exponent: number
  readonly timeZone: string
}

/**
 * Settles a file's date order and decimal mark from the whole file (SPEC: CSV). Values are read
 * under the first convention they prove; a value that could go either way before any proof starts
 * a scan of the whole column; a file that proves both, or neither while needing one, stops the
 * import and asks for `--date-format` / `--decimal`. A file found mixed after rows were read fails
 * the import, which publishes nothing, so the early rows never show.
 */
export class FileConventions {
  readonly #options: ReadingOptions
  readonly #scanner: ConventionScanner
  #dateOrder: DateOrder | null
  #dateSettled: boolean
  #decimal: DecimalMark | null
  #decimalSettled: boolean

  constructor(options: ReadingOptions, scanner: ConventionScanner) {
    this.#options = options
    this.#scanner = scanner
    this.#dateOrder = options.dateOrder
    this.#dateSettled = options.dateOrder !== null
    this.#decimal = options.decimal
    this.#decimalSettled = options.decimal !== null
  }

  /** Reads a date in column `column` by the file's settled (or provisional) day/month order. */
  date(text: string, column: number): string | DateProblem {
    const isoDay = readIsoDay(text)
    if (isoDay !== null) {
      return isoDay
    }
    if (this.#dateSettled) {
      return readDate(text, this.#dateOrder, this.#options.timeZone)
    }
    const evidence = dateOrderEvidence(text)
    if (evidence === 'either' && this.#dateOrder === null) {
      this.#settleDateOrder(column)
    } else if (evidence === 'DMY' || evidence === 'MDY') {
      this.#dateOrder = this.#prove(this.#dateOrder, evidence, 'date')
    }
    return readDate(text, this.#dateOrder, this.#options.timeZone)
  }

  /** Reads an amount in column `column` by the file's settled (or provisional) decimal mark. */
  amount(text: string, column: number): AmountReading | AmountProblem {
    const options = this.#options
    const plain = readPlainAmount(text, options.exponent)
    if (!Number.isNaN(plain) && this.#decimal !== ',') {
      if (!this.#decimalSettled && text.includes('.')) {
        this.#decimal = this.#prove(this.#decimal, '.', 'decimal')
      }
      return { minor: plain, currency: null }
    }
    if (!this.#decimalSettled) {
      const evidence = decimalMarkEvidence(text, options.exponent)
      if (evidence === 'either' && this.#decimal === null) {
        this.#settleDecimal(column)
      } else if (evidence === '.' || evidence === ',') {
        this.#decimal = this.#prove(this.#decimal, evidence, 'decimal')
      }
    }
    return readAmount(text, {
      decimal: this.#decimal,
      exponent: options.exponent,
      companyCurrency: options.currency,
    })
  }

  #prove<T>(current: T | null, proven: T, what: 'date' | 'decimal'): T {
    if (current !== null && current !== proven) {
      throw this.#mixed(what)
    }
    return proven
  }

  #settleDateOrder(column: number): void {
    const evidence = this.#scanner.dateOrder(column)
    this.#dateOrder = this.#decide(evidence, 'date')
    this.#dateSettled = true
  }

  #settleDecimal(column: number): void {
    const evidence = this.#scanner.decimalMark(column, this.#options.exponent)
    this.#decimal = this.#decide(evidence, 'decimal')
    this.#decimalSettled = true
  }

  #decide<T>(evidence: ConventionEvidence<T>, what: 'date' | 'decimal'): T {
    const [only, ...others] = [...evidence.proven]
    if (only === undefined || others.length > 0) {
      throw only === undefined ? this.#undecided(what) : this.#mixed(what)
    }
    return only
  }

  #mixed(what: 'date' | 'decimal'): ValidationError {
    const { fileName } = this.#options
    return what === 'date'
      ? new ValidationError(
          `${fileName}: the dates are day-first in some rows and month-first in others; say which with --date-format DD/MM/YYYY or --date-format MM/DD/YYYY`,
        )
      : new ValidationError(
          `${fileName}: the amounts use a decimal point in some rows and a decimal comma in others; say which with --decimal . or --decimal ,`,
        )
  }

  #undecided(what: 'date' | 'decimal'): ValidationError {
    const { fileName } = this.#options
    return what === 'date'
      ? new ValidationError(
          `${fileName}: dates such as 01/02/2024 could be day-first or month-first and no row settles it; say which with --date-format DD/MM/YYYY or --date-format MM/DD/YYYY`,
        )
      : new ValidationError(
          `${fileName}: amounts such as 1,234 could use either decimal mark and no row settles it; say which with --decimal . or --decimal ,`,
        )
  }
}
