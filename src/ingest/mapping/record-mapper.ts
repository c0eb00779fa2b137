import type { ImportKind, RecordByKind } from '../../domain/records.js'
import type { CsvRecordProblem } from '../formats/csv-records.js'
import type { MapperContext } from './cells.js'
import { createContactMapper } from './contacts.js'
import { createContractMapper } from './contracts.js'
import { createCustomerMapper } from './customers.js'
import { createDealMapper } from './deals.js'
import { createIncidentMapper } from './incidents.js'
import { createOrderMapper } from './orders.js'

/** Turns one intact CSV record into a typed record of its kind, or the problem that rejects it. */
export type RecordMapper<TKind extends ImportKind> = (
  fields: readonly string[],
  line: number,
) => RecordByKind[TKind] | CsvRecordProblem

const FACTORIES: { [TKind in ImportKind]: (context: MapperContext) => RecordMapper<TKind> } = {
  orders: createOrderMapper,
  customers: createCustomerMapper,
  contacts: createContactMapper,
  contracts: createContractMapper,
  deals: createDealMapper,
  incidents: createIncidentMapper,
}

/** The mapper for one import kind. */
export function createRecordMapper<TKind extends ImportKind>(
  kind: TKind,
  context: MapperContext,
): RecordMapper<TKind> {
  return FACTORIES[kind](context)
}

/** True when a mapper's result is a problem rather than a record. */
export function isProblem(value: object): value is CsvRecordProblem {
  return 'code' in value && 'message' in value
}
