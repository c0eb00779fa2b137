import type { ContactRecord } from '../../domain/records.js'
import { readContactRole } from '../fields/values.js'
import type { CsvRecordProblem } from '../formats/csv-records.js'
import {
  cell,
  columnOf,
  email,
  flag,
  type MapperContext,
  mapRow,
  optionalDate,
  optionalText,
  type Row,
  RowRejection,
  requiredText,
} from './cells.js'

/**
 * Maps contact rows. Key: `id:<contact id>` when the file has a contact id column, else
 * `e:<customer>|<email>` when the row has an email, else `n:<customer>|<name>`; a row with neither
 * email nor name is rejected (`missing_value`).
 */
export function createContactMapper(
  context: MapperContext,
): (fields: readonly string[], line: number) => ContactRecord | CsvRecordProblem {
  const withIds = columnOf(context, 'contact_id') !== -1
  return (fields, line) =>
    mapRow({ fields, line, context }, (row) => {
      const customerId = requiredText(row, 'customer_id')
      const name = optionalText(row, 'name')
      const address = email(row, 'email')
      return {
        line,
        key: contactKey(row, withIds, customerId, { name, email: address }),
        customerId,
        name,
        email: address,
        phone: optionalText(row, 'phone'),
        postalAddress: optionalText(row, 'postal_address'),
        role: readContactRole(cell(row, 'role')),
        hasLeft: flag(row, 'has_left'),
        lawfulBasis: optionalText(row, 'lawful_basis'),
        basisSource: optionalText(row, 'basis_source'),
        basisOn: optionalDate(row, 'basis_on'),
        consent: flag(row, 'consent'),
      }
    })
}

function contactKey(
  row: Row,
  withIds: boolean,
  customerId: string,
  person: { name: string | null; email: string | null },
): string {
  if (withIds) {
    return `id:${requiredText(row, 'contact_id')}`
  }
  if (person.email !== null) {
    return `e:${customerId}|${person.email}`
  }
  if (person.name !== null) {
    return `n:${customerId}|${person.name}`
  }
  throw new RowRejection('email', 'missing_value', 'a contact needs an email or a name')
}
