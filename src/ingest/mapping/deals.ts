import type { DealRecord } from '../../domain/records.js'
import { readDealStatus } from '../fields/values.js'
import type { CsvRecordProblem } from '../formats/csv-records.js'
import {
  cell,
  columnOf,
  email,
  flag,
  hasColumn,
  type MapperContext,
  mapRow,
  money,
  optionalDate,
  optionalText,
  type Row,
  requiredText,
} from './cells.js'

/**
 * Maps deal rows. Key: `id:<deal id>` when the file has a deal id column, else
 * `k:<customer>|<name>|<created date>` (empty parts stay empty). Status comes from a status column,
 * else from the stage's wording ("Closed Lost" is lost, "Closed Won" won), else open.
 */
export function createDealMapper(
  context: MapperContext,
): (fields: readonly string[], line: number) => DealRecord | CsvRecordProblem {
  const withIds = columnOf(context, 'deal_id') !== -1
  return (fields, line) =>
    mapRow({ fields, line, context }, (row) => {
      const customerId = requiredText(row, 'customer_id')
      const name = optionalText(row, 'name')
      const createdOn = optionalDate(row, 'created_on')
      const key = withIds
        ? `id:${requiredText(row, 'deal_id')}`
        : `k:${customerId}|${name ?? ''}|${createdOn ?? ''}`
      return {
        line,
        key,
        customerId,
        name,
        stage: optionalText(row, 'stage'),
        status: dealStatus(row),
        valueMinor: money(row, 'value'),
        currency: context.options.currency,
        recurring: flag(row, 'recurring'),
        createdOn,
        closedOn: optionalDate(row, 'closed_on'),
        lostReason: optionalText(row, 'lost_reason'),
        competitor: optionalText(row, 'competitor'),
        nextChoiceOn: optionalDate(row, 'next_choice_on'),
        ownerEmail: email(row, 'owner_email'),
      }
    })
}

function dealStatus(row: Row): DealRecord['status'] {
  const status = cell(row, 'status')
  return readDealStatus(
    hasColumn(row, 'status') && status.trim() !== '' ? status : cell(row, 'stage'),
  )
}
