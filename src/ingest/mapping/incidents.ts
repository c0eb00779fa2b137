import type { IncidentRecord } from '../../domain/records.js'
import type { CsvRecordProblem } from '../formats/csv-records.js'
import {
  columnOf,
  type MapperContext,
  mapRow,
  money,
  optionalText,
  requiredDate,
  requiredText,
} from './cells.js'
import { OccurrenceCounter } from './occurrence-counter.js'

/**
 * Maps incident rows. Key: `id:<incident id>` when the file has an incident id column, else
 * `k:<customer>|<kind>|<date>|<n>`, n counting the same customer, kind and date so far in the file
 * (as orders without an id). An empty cost is 0.
 */
export function createIncidentMapper(
  context: MapperContext,
): (fields: readonly string[], line: number) => IncidentRecord | CsvRecordProblem {
  const withIds = columnOf(context, 'incident_id') !== -1
  const counter = new OccurrenceCounter()
  return (fields, line) =>
    mapRow({ fields, line, context }, (row) => {
      const incidentId = withIds ? requiredText(row, 'incident_id') : null
      const customerId = requiredText(row, 'customer_id')
      const kind = requiredText(row, 'kind')
      const occurredOn = requiredDate(row, 'occurred_on')
      const costMinor = money(row, 'cost', 0)
      const base = `${customerId}|${kind}|${occurredOn}`
      return {
        line,
        key: incidentId === null ? `k:${base}|${counter.next(base)}` : `id:${incidentId}`,
        customerId,
        kind,
        occurredOn,
        costMinor,
        currency: context.options.currency,
        description: optionalText(row, 'description'),
      }
    })
}
