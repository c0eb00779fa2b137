import type {
  ContactRecord,
  ContractRecord,
  CustomerRecord,
  DealRecord,
  ImportKind,
  IncidentRecord,
  OrderRecord,
  RecordByKind,
} from '../../domain/records.js'
import type { BatchReader, BatchWriter, RecordCodec } from './batch-codec.js'

const flagOf = (value: boolean): number => (value ? 1 : 0)

const orders: RecordCodec<OrderRecord> = {
  shape: { texts: 4, numbers: 2, words: 2 },
  write(r, w) {
    w.number(r.line)
    w.text(r.key)
    w.maybeText(r.orderId)
    w.text(r.customerId)
    w.text(r.orderedOn)
    w.number(r.amountMinor)
    w.word(r.currency)
    w.word(r.status)
  },
  read: (r: BatchReader): OrderRecord => ({
    line: r.number(),
    key: r.text(),
    orderId: r.maybeText(),
    customerId: r.text(),
    orderedOn: r.text(),
    amountMinor: r.number(),
    currency: r.word(),
    status: r.word() as OrderRecord['status'],
  }),
}

const customers: RecordCodec<CustomerRecord> = {
  shape: { texts: 5, numbers: 1, words: 0 },
  write(r, w) {
    w.number(r.line)
    w.text(r.customerId)
    for (const value of [r.name, r.segment, r.territory, r.ownerEmail]) {
      w.maybeText(value)
    }
  },
  read: (r) => ({
    line: r.number(),
    customerId: r.text(),
    name: r.maybeText(),
    segment: r.maybeText(),
    territory: r.maybeText(),
    ownerEmail: r.maybeText(),
  }),
}

const contacts: RecordCodec<ContactRecord> = {
  shape: { texts: 9, numbers: 3, words: 1 },
  write(r, w: BatchWriter) {
    w.number(r.line)
    w.text(r.key)
    w.text(r.customerId)
    for (const value of [r.name, r.email, r.phone, r.postalAddress]) {
      w.maybeText(value)
    }
    w.word(r.role)
    w.number(flagOf(r.hasLeft))
    for (const value of [r.lawfulBasis, r.basisSource, r.basisOn]) {
      w.maybeText(value)
    }
    w.number(flagOf(r.consent))
  },
  read: (r) => ({
    line: r.number(),
    key: r.text(),
    customerId: r.text(),
    name: r.maybeText(),
    email: r.maybeText(),
    phone: r.maybeText(),
    postalAddress: r.maybeText(),
    role: r.word() as ContactRecord['role'],
    hasLeft: r.number() === 1,
    lawfulBasis: r.maybeText(),
    basisSource: r.maybeText(),
    basisOn: r.maybeText(),
    consent: r.number() === 1,
  }),
}

const contracts: RecordCodec<ContractRecord> = {
  shape: { texts: 4, numbers: 3, words: 1 },
  write(r, w) {
    w.number(r.line)
    w.text(r.key)
    w.text(r.customerId)
    w.text(r.startsOn)
    w.text(r.endsOn)
    w.number(r.valueMinor)
    w.word(r.currency)
    w.number(flagOf(r.renewed))
  },
  read: (r) => ({
    line: r.number(),
    key: r.text(),
    customerId: r.text(),
    startsOn: r.text(),
    endsOn: r.text(),
    valueMinor: r.number(),
    currency: r.word(),
    renewed: r.number() === 1,
  }),
}

const deals: RecordCodec<DealRecord> = {
  shape: { texts: 10, numbers: 3, words: 2 },
  write(r, w) {
    w.number(r.line)
    w.text(r.key)
    w.text(r.customerId)
    w.maybeText(r.name)
    w.maybeText(r.stage)
    w.word(r.status)
    w.number(r.valueMinor)
    w.word(r.currency)
    w.number(flagOf(r.recurring))
    for (const value of [
      r.createdOn,
      r.closedOn,
      r.lostReason,
      r.competitor,
      r.nextChoiceOn,
      r.ownerEmail,
    ]) {
      w.maybeText(value)
    }
  },
  read: (r) => ({
    line: r.number(),
    key: r.text(),
    customerId: r.text(),
    name: r.maybeText(),
    stage: r.maybeText(),
    status: r.word() as DealRecord['status'],
    valueMinor: r.number(),
    currency: r.word(),
    recurring: r.number() === 1,
    createdOn: r.maybeText(),
    closedOn: r.maybeText(),
    lostReason: r.maybeText(),
    competitor: r.maybeText(),
    nextChoiceOn: r.maybeText(),
    ownerEmail: r.maybeText(),
  }),
}

const incidents: RecordCodec<IncidentRecord> = {
  shape: { texts: 5, numbers: 2, words: 1 },
  write(r, w) {
    w.number(r.line)
    w.text(r.key)
    w.text(r.customerId)
    w.text(r.kind)
    w.text(r.occurredOn)
    w.number(r.costMinor)
    w.word(r.currency)
    w.maybeText(r.description)
  },
  read: (r) => ({
    line: r.number(),
    key: r.text(),
    customerId: r.text(),
    kind: r.text(),
    occurredOn: r.text(),
    costMinor: r.number(),
    currency: r.word(),
    description: r.maybeText(),
  }),
}

/** The codec of each import kind's records. */
export const RECORD_CODECS: { [TKind in ImportKind]: RecordCodec<RecordByKind[TKind]> } = {
  orders,
  customers,
  contacts,
  contracts,
  deals,
  incidents,
}
