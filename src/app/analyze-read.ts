import { InsufficientDataError, ValidationError } from '../domain/errors.js'
import { readOrderSpan, type Store, streamOrderDays } from '../store/index.js'
import { createDayParser, dayNumber } from './analyze-days.js'
import {
  type CalibrationSplit,
  type CustomerHistories,
  createHistoryFolder,
} from './analyze-histories.js'
import { planHoldout } from './analyze-summary.js'

/** The stored orders folded into histories at the as-of date, with what to warn about. */
export interface StoredHistories {
  readonly histories: CustomerHistories
  readonly windowStartDay: number
  readonly split: CalibrationSplit | null
  readonly currency: string | null
  readonly warnings: readonly string[]
}

/** A newest order older than this many days before the as-of date earns a warning (SPEC). */
const STALE_DATA_DAYS = 90

/**
 * Reads every customer's merged order days up to `asOf` from the store (a GROUP BY where the
 * orders live, streamed), with SPEC's calibration/holdout split (`true`), a given one, or none.
 * @throws ValidationError when the as-of date is before every order
 * @throws InsufficientDataError when there are no placed orders at all
 */
export async function readStoredHistories(
  store: Store,
  asOf: string,
  holdout: boolean | CalibrationSplit,
): Promise<StoredHistories> {
  const asOfDay = dayNumber(asOf, 'as-of date')
  const span = await readOrderSpan(store, asOf)
  if (span.firstOn === null || span.lastOn === null) {
    if (span.newestOn !== null) {
      throw new ValidationError(
        `the as-of date ${asOf} is before every order (the first placed order is after it)`,
      )
    }
    throw new InsufficientDataError('there are no placed orders to analyze: import orders first')
  }
  const windowStartDay = dayNumber(span.firstOn, 'order date')
  const split =
    holdout === true ? planHoldout(windowStartDay, asOfDay) : holdout === false ? null : holdout
  const folder = createHistoryFolder(split)
  const parseDay = createDayParser()
  for await (const page of streamOrderDays(store, { asOf })) {
    for (const [customerId, orderedOn, spend, refund, purchases] of page) {
      folder.add(customerId, parseDay(orderedOn), spend, refund, purchases)
    }
  }
  return {
    histories: folder.finish(),
    windowStartDay,
    split,
    currency: span.currency,
    warnings: spanWarnings(span, asOf, asOfDay),
  }
}

function spanWarnings(
  span: { readonly lastOn: string | null; readonly newestOn: string | null },
  asOf: string,
  asOfDay: number,
): string[] {
  const warnings: string[] = []
  if (span.newestOn !== null && span.newestOn > asOf) {
    warnings.push(
      `orders dated after the as-of date ${asOf} (up to ${span.newestOn}) were left out`,
    )
  }
  if (span.lastOn !== null) {
    const staleDays = asOfDay - dayNumber(span.lastOn, 'order date')
    if (staleDays > STALE_DATA_DAYS) {
      warnings.push(
        `the newest order (${span.lastOn}) is ${staleDays} days older than the as-of date: is the order history up to date?`,
      )
    }
  }
  return warnings
}
