/**
 * Every customer's purchase history at the end day, one entry per customer who made at least one
 * purchase: purchase days are days with a placed, non-negative order (same-day orders merged).
 */
export interface CustomerHistories {
  readonly length: number
  readonly customerIds: readonly string[]
  readonly firstDay: Float64Array
  readonly lastDay: Float64Array
  readonly purchaseDays: Float64Array
  /** median days between purchase days; NaN with fewer than 2 purchase days */
  readonly medianGapDays: Float64Array
  /** spend of every purchase day, minor units */
  readonly spendMinor: Float64Array
  /** spend of the purchase days after the first (the Gamma-Gamma spend model's input) */
  readonly repeatSpendMinor: Float64Array
  /** spend less refunds sent as their own negative rows: the historical value */
  readonly netValueMinor: Float64Array
  /** customers whose only rows were refunds: not scored */
  readonly refundOnlyCustomers: number
  readonly calibration: CalibrationHistories | null
}

/**
 * The cohort of customers who first bought by the calibration end: their history at that day,
 * their repeat purchase days in the holdout, and the cohort's repeat purchase days per week.
 */
export interface CalibrationHistories {
  readonly endDay: number
  readonly holdoutEndDay: number
  readonly windowStartDay: number
  readonly length: number
  readonly firstDay: Float64Array
  readonly lastDay: Float64Array
  readonly purchaseDays: Float64Array
  readonly repeatSpendMinor: Float64Array
  readonly holdoutTransactions: Float64Array
  /** repeat purchase days of the cohort per 7-day period from the window start to the holdout end */
  readonly repeatsPerWeek: Float64Array
}

/** Where the calibration period ends and the holdout ends (both inclusive), and where data starts. */
export interface CalibrationSplit {
  readonly endDay: number
  readonly holdoutEndDay: number
  readonly windowStartDay: number
}

/** Accepts one customer's merged order days at a time, in (customer, day) order. */
export interface HistoryFolder {
  add(
    customerId: string,
    day: number,
    spendMinor: number,
    refundMinor: number,
    purchases: number,
  ): void
  finish(): CustomerHistories
}

/**
 * Folds the sorted stream of (customer, day) rows into per-customer histories in one pass, with
 * O(largest customer) working memory besides the result.
 */
export function createHistoryFolder(split: CalibrationSplit | null): HistoryFolder {
  const full = createColumns()
  const cohort = split === null ? null : createCohort(split)
  let current: string | null = null
  const days: number[] = []
  const spends: number[] = []
  let refunds = 0
  let refundOnlyCustomers = 0
  const flush = () => {
    if (current === null) {
      return
    }
    if (days.length === 0) {
      refundOnlyCustomers += 1
    } else {
      addCustomer(full, current, days, spends, refunds)
      cohort?.add(days, spends)
    }
    days.length = 0
    spends.length = 0
    refunds = 0
  }
  return {
    add(customerId, day, spendMinor, refundMinor, purchases) {
      if (customerId !== current) {
        flush()
        current = customerId
      }
      refunds += refundMinor
      if (purchases > 0) {
        days.push(day)
        spends.push(spendMinor)
      }
    },
    finish() {
      flush()
      current = null
      return { ...finishColumns(full), refundOnlyCustomers, calibration: cohort?.finish() ?? null }
    },
  }
}

function createColumns() {
  return {
    customerIds: [] as string[],
    firstDay: [] as number[],
    lastDay: [] as number[],
    purchaseDays: [] as number[],
    medianGapDays: [] as number[],
    spendMinor: [] as number[],
    repeatSpendMinor: [] as number[],
    netValueMinor: [] as number[],
  }
}

const gaps: number[] = []

function addCustomer(
  columns: ReturnType<typeof createColumns>,
  customerId: string,
  days: readonly number[],
  spends: readonly number[],
  refunds: number,
): void {
  let spend = 0
  gaps.length = 0
  for (let k = 0; k < days.length; k += 1) {
    spend += spends[k] ?? 0
    if (k > 0) {
      gaps.push((days[k] ?? 0) - (days[k - 1] ?? 0))
    }
  }
  gaps.sort((left, right) => left - right)
  columns.customerIds.push(customerId)
  columns.firstDay.push(days[0] ?? 0)
  columns.lastDay.push(days[days.length - 1] ?? 0)
  columns.purchaseDays.push(days.length)
  columns.medianGapDays.push(medianOfSorted(gaps))
  columns.spendMinor.push(spend)
  columns.repeatSpendMinor.push(spend - (spends[0] ?? 0))
  columns.netValueMinor.push(spend + refunds)
}

function finishColumns(columns: ReturnType<typeof createColumns>) {
  return {
    length: columns.customerIds.length,
    customerIds: columns.customerIds,
    firstDay: Float64Array.from(columns.firstDay),
    lastDay: Float64Array.from(columns.lastDay),
    purchaseDays: Float64Array.from(columns.purchaseDays),
    medianGapDays: Float64Array.from(columns.medianGapDays),
    spendMinor: Float64Array.from(columns.spendMinor),
    repeatSpendMinor: Float64Array.from(columns.repeatSpendMinor),
    netValueMinor: Float64Array.from(columns.netValueMinor),
  }
}

function createCohort(split: CalibrationSplit) {
  const weeks = Math.max(1, Math.ceil((split.holdoutEndDay - split.windowStartDay + 1) / 7))
  const repeatsPerWeek = new Float64Array(weeks)
  const firstDay: number[] = []
  const lastDay: number[] = []
  const purchaseDays: number[] = []
  const repeatSpend: number[] = []
  const holdout: number[] = []
  return {
    add(days: readonly number[], spends: readonly number[]) {
      const first = days[0] ?? Infinity
      if (first > split.endDay) {
        return
      }
      let last = first
      let count = 0
      let spend = 0
      let later = 0
      for (let k = 0; k < days.length; k += 1) {
        const day = days[k] ?? 0
        if (day <= split.endDay) {
          last = day
          count += 1
          spend += k > 0 ? (spends[k] ?? 0) : 0
        } else if (day <= split.holdoutEndDay) {
          later += 1
        }
        const week = Math.floor((day - split.windowStartDay) / 7)
        if (k > 0 && day <= split.holdoutEndDay && week >= 0 && week < weeks) {
          repeatsPerWeek[week] = (repeatsPerWeek[week] ?? 0) + 1
        }
      }
      firstDay.push(first)
      lastDay.push(last)
      purchaseDays.push(count)
      repeatSpend.push(spend)
      holdout.push(later)
    },
    finish(): CalibrationHistories {
      return {
        ...split,
        length: firstDay.length,
        firstDay: Float64Array.from(firstDay),
        lastDay: Float64Array.from(lastDay),
        purchaseDays: Float64Array.from(purchaseDays),
        repeatSpendMinor: Float64Array.from(repeatSpend),
        holdoutTransactions: Float64Array.from(holdout),
        repeatsPerWeek,
      }
    },
  }
}

/** The median of ascending numbers; NaN for none. */
function medianOfSorted(values: readonly number[]): number {
  const middle = values.length >> 1
  if (values.length === 0) {
    return Number.NaN
  }
  return values.length % 2 === 1
    ? (values[middle] ?? Number.NaN)
    : ((values[middle - 1] ?? 0) + (values[middle] ?? 0)) / 2
}
