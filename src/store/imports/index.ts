// the import write path: other layers reach it through src/store/index.ts
export type { BeginImportInput } from './begin-import.js'
export { beginImport } from './begin-import.js'
export type { BatchOutcome, ImportSession, WriteOptions } from './import-session.js'
export type { RecoverImportsOptions } from './recover-imports.js'
export { DEFAULT_STALE_AFTER_MS, recoverImports } from './recover-imports.js'
