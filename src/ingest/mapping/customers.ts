import type { CustomerRecord } from '../../domain/records.js'
import type { CsvRecordProblem } from '../formats/csv-records.js'
import { email, type MapperContext, mapRow, optionalText, requiredText } from './cells.js'

/** Maps customer rows; a customer's key is its own customer id. */
export function createCustomerMapper(
  context: MapperContext,
): (fields: readonly string[], line: number) => CustomerRecord | CsvRecordProblem {
  return (fields, line) =>
    mapRow({ fields, line, context }, (row) => ({
      line,
      customerId: requiredText(row, 'customer_id'),
      name: optionalText(row, 'name'),
      segment: optionalText(row, 'segment'),
      territory: optionalText(row, 'territory'),
      ownerEmail: email(row, 'owner_email'),
    }))
}
