import { ValidationError } from '../../domain/errors.js'
import type { ImportKind } from '../../domain/records.js'

/** One field an import kind reads: its name (as in `--map name=…`), header aliases, and whether it must be there. */
export interface FieldSpec {
  readonly name: string
  readonly aliases: readonly string[]
  readonly required: boolean
}

const field = (name: string, aliases: string[], required = false): FieldSpec => ({
  name,
  aliases,
  required,
})

const CUSTOMER = field(
  'customer_id',
  [
    'customer id',
    'cust no',
    'customer no',
    'customer number',
    'customer',
    'client id',
    'client',
    'client number',
    'account id',
    'account number',
    'account',
    'company id',
    'buyer id',
  ],
  true,
)
const CURRENCY = field('currency', ['currency', 'currency code', 'ccy', 'curr'])

/** The fields of each import kind, with the header names auto-detection recognises. */
export const FIELDS_BY_KIND: Readonly<Record<ImportKind, readonly FieldSpec[]>> = {
  orders: [
    field('order_id', [
      'order id',
      'order number',
      'order no',
      'order',
      'invoice',
      'invoice number',
      'invoice no',
      'invoice id',
      'transaction id',
      'order ref',
      'order reference',
    ]),
    CUSTOMER,
    field(
      'ordered_on',
      [
        'date',
        'order date',
        'created at',
        'created',
        'ordered at',
        'ordered on',
        'invoice date',
        'purchase date',
        'transaction date',
        'paid at',
      ],
      true,
    ),
    field(
      'amount',
      [
        'amount',
        'total',
        'value',
        'revenue',
        'order total',
        'total price',
        'total amount',
        'order value',
        'gross',
        'sales',
        'price',
        'net',
      ],
      true,
    ),
    CURRENCY,
    field('status', ['status', 'order status', 'financial status', 'state']),
  ],
  customers: [
    CUSTOMER,
    field('name', [
      'name',
      'customer name',
      'company',
      'company name',
      'account name',
      'client name',
    ]),
    field('segment', ['segment', 'customer segment', 'tier', 'industry']),
    field('territory', ['territory', 'region', 'area', 'sales territory']),
    field('owner_email', [
      'owner',
      'owner email',
      'account owner',
      'rep',
      'rep email',
      'sales rep',
    ]),
  ],
  contacts: [
    field('contact_id', ['contact id', 'contact number', 'person id']),
    CUSTOMER,
    field('name', ['name', 'full name', 'contact name', 'contact']),
    field('email', ['email', 'e-mail', 'email address', 'mail']),
    field('phone', ['phone', 'phone number', 'telephone', 'tel', 'mobile']),
    field('postal_address', ['postal address', 'address', 'mailing address', 'street address']),
    field('role', ['role', 'contact role', 'title', 'job title']),
    field('has_left', ['has left', 'left', 'left company', 'no longer there', 'former']),
    field('lawful_basis', ['lawful basis', 'legal basis', 'basis']),
    field('basis_source', ['basis source', 'source', 'lead source']),
    field('basis_on', ['basis on', 'basis date', 'consent date', 'opt in date']),
    field('consent', ['consent', 'opt in', 'opted in', 'marketing consent', 'subscribed']),
  ],
  contracts: [
    field('contract_id', [
      'contract id',
      'contract number',
      'contract no',
      'agreement id',
      'contract',
    ]),
    CUSTOMER,
    field(
      'starts_on',
      ['starts on', 'start', 'start date', 'begin', 'begins', 'effective date'],
      true,
    ),
    field(
      'ends_on',
      ['ends on', 'end', 'end date', 'expiry', 'expires', 'expiry date', 'expiration date'],
      true,
    ),
    field('value', ['value', 'amount', 'contract value', 'acv', 'tcv', 'total'], true),
    CURRENCY,
    field('renewed', ['renewed', 'is renewed', 'renewal']),
  ],
  deals: [
    field('deal_id', ['deal id', 'opportunity id', 'record id', 'id']),
    CUSTOMER,
    field('name', ['name', 'deal name', 'opportunity name', 'opportunity', 'deal']),
    field('stage', ['stage', 'deal stage', 'pipeline stage']),
    field('status', ['status', 'outcome', 'result', 'won lost']),
    field('value', ['value', 'amount', 'deal value', 'opportunity amount', 'deal amount'], true),
    CURRENCY,
    field('recurring', ['recurring', 'is recurring', 'subscription']),
    field('created_on', ['created on', 'created', 'create date', 'created date', 'created at']),
    field('closed_on', ['closed on', 'close date', 'closed date', 'lost date', 'closed at']),
    field('lost_reason', ['lost reason', 'closed lost reason', 'reason', 'loss reason']),
    field('competitor', ['competitor', 'lost to', 'competitor name', 'winner']),
    field('next_choice_on', [
      'next choice on',
      'next choice',
      'next decision date',
      'next review',
      'renewal date',
      'next supplier choice',
    ]),
    field('owner_email', ['owner', 'owner email', 'deal owner', 'opportunity owner', 'rep']),
  ],
  incidents: [
    field('incident_id', ['incident id', 'ticket id', 'case id', 'ticket', 'incident number']),
    CUSTOMER,
    field('kind', ['kind', 'type', 'incident type', 'category', 'issue type'], true),
    field(
      'occurred_on',
      ['occurred on', 'date', 'incident date', 'opened', 'created at', 'reported on'],
      true,
    ),
    field('cost', ['cost', 'cost to customer', 'customer cost', 'damage', 'amount', 'impact']),
    CURRENCY,
    field('description', ['description', 'notes', 'details', 'summary']),
  ],
}

/** Header text folded for comparison: lower case, letters and digits only. */
export function foldHeader(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

/** Which column each field comes from; -1 when the file lacks it. */
export type ColumnIndex = Readonly<Record<string, number>>

/**
 * Finds each field's column: an explicit `map` (field → header name) first, then the field's own
 * name, then its aliases in order. Throws, naming the file and field, when a required one is missing.
 * @example resolveColumns('orders', ['Cust No', 'Date', 'Total'], {}, 'x.csv') // { customer_id: 0, … }
 */
export function resolveColumns(
  kind: ImportKind,
  header: readonly string[],
  map: Readonly<Record<string, string>>,
  fileName: string,
): ColumnIndex {
  const specs = FIELDS_BY_KIND[kind]
  checkMapFields(kind, map, specs)
  const folded = header.map(foldHeader)
  const taken = new Set<number>()
  const index: Record<string, number> = {}
  for (const spec of specs) {
    const mapped = map[spec.name]
    const at = mapped === undefined ? -1 : folded.indexOf(foldHeader(mapped))
    if (mapped !== undefined && at === -1) {
      throw new ValidationError(
        `${fileName}: --map ${spec.name}="${mapped}" names no column (the columns are ${header.join(', ')})`,
      )
    }
    index[spec.name] = at
    if (at !== -1) {
      taken.add(at)
    }
  }
  detectAll(specs, folded, taken, index)
  requireFields(specs, index, header, fileName)
  return index
}

/** fills unmapped fields by rank: every field's own name first, then each first alias, and so on */
function detectAll(
  specs: readonly FieldSpec[],
  folded: readonly string[],
  taken: Set<number>,
  index: Record<string, number>,
): void {
  const longest = Math.max(...specs.map((spec) => spec.aliases.length)) + 1
  for (let rank = 0; rank < longest; rank++) {
    for (const spec of specs) {
      const name = [spec.name, ...spec.aliases][rank]
      if (index[spec.name] !== -1 || name === undefined) {
        continue
      }
      const at = folded.findIndex((column, i) => column === foldHeader(name) && !taken.has(i))
      if (at !== -1) {
        taken.add(at)
        index[spec.name] = at
      }
    }
  }
}

function checkMapFields(
  kind: ImportKind,
  map: Readonly<Record<string, string>>,
  specs: readonly FieldSpec[],
): void {
  const known = new Set(specs.map((spec) => spec.name))
  for (const name of Object.keys(map)) {
    if (!known.has(name)) {
      throw new ValidationError(
        `--map ${name}: ${kind} have no field ${name} (fields: ${[...known].join(', ')})`,
      )
    }
  }
}

function requireFields(
  specs: readonly FieldSpec[],
  index: ColumnIndex,
  header: readonly string[],
  fileName: string,
): void {
  const missing = specs.filter((spec) => spec.required && index[spec.name] === -1)
  if (missing.length > 0) {
    const names = missing.map((spec) => spec.name).join(', ')
    throw new ValidationError(
      `${fileName}: no column for ${names} (the columns are ${header.join(', ')}); name it with --map ${missing[0]?.name}="Header Name"`,
      {
        issues: missing.map((spec) => ({
          path: [spec.name],
          file: fileName,
          field: spec.name,
          message: 'no column found',
        })),
      },
    )
  }
}
