import type { ContractRecord } from '../../domain/records.js'
import type { CsvRecordProblem } from '../formats/csv-records.js'
import {
  columnOf,
  flag,
  type MapperContext,
  mapRow,
  money,
  RowRejection,
  requiredDate,
  requiredText,
} from './cells.js'

/**
 * Maps contract rows. Key: `id:<contract id>` when the file has a contract id column, else
 * `k:<customer>|<start>|<end>` (one contract per customer and term). An end before the start is a
 * `bad_date`.
 */
export function createContractMapper(
  context: MapperContext,
): (fields: readonly string[], line: number) => ContractRecord | CsvRecordProblem {
  const withIds = columnOf(context, 'contract_id') !== -1
  return (fields, line) =>
    mapRow({ fields, line, context }, (row) => {
      const customerId = requiredText(row, 'customer_id')
      const startsOn = requiredDate(row, 'starts_on')
      const endsOn = requiredDate(row, 'ends_on')
      if (endsOn < startsOn) {
        throw new RowRejection(
          'ends_on',
          'bad_date',
          `ends_on ${endsOn} is before starts_on ${startsOn}`,
        )
      }
      const key = withIds
        ? `id:${requiredText(row, 'contract_id')}`
        : `k:${customerId}|${startsOn}|${endsOn}`
      return {
        line,
        key,
        customerId,
        startsOn,
        endsOn,
        valueMinor: money(row, 'value'),
        currency: context.options.currency,
        renewed: flag(row, 'renewed'),
      }
    })
}
