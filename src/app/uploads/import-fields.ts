import { IMPORT_KINDS, type ImportKind } from '../../domain/records.js'
import { FIELDS_BY_KIND } from '../../ingest/index.js'

/** One field an import kind reads: its name, whether the file must have it, header aliases. */
export interface ImportField {
  readonly name: string
  readonly required: boolean
  readonly aliases: string[]
}

/**
 * The fields each import kind reads, with the header names auto-detection recognises: what the
 * upload form maps a file's columns onto.
 * @example importFields().orders.find((field) => field.required)?.name // 'customer_id'
 */
export function importFields(): Record<ImportKind, ImportField[]> {
  const entries = IMPORT_KINDS.map((kind) => [
    kind,
    FIELDS_BY_KIND[kind].map((field) => ({
      name: field.name,
      required: field.required,
      aliases: [...field.aliases],
    })),
  ])
  return Object.fromEntries(entries) as Record<ImportKind, ImportField[]>
}
