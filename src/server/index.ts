// the server layer's public surface: the CLI imports only from here (STYLE 2.2)
export { createApp } from './app.js'
export { HTTP_STATUS_BY_CODE } from './error-mapper.js'
export type { RunningServer } from './listen.js'
export { listen } from './listen.js'
export { buildOpenApiDocument } from './openapi.js'
export { ROUTES } from './routes/index.js'
export type { LogEntry, ServerConfig, ServerDeps } from './server-env.js'
