export { createServer, type ServerOptions, type VocServer } from './app.js';
export { openDb, migrate, type Db, type Sql, type OpenOptions } from './db.js';
export { Store, type Site, type SiteSettings, type InboxItem } from './store/index.js';
export { openApiDocument } from './openapi.js';
export { DEFAULT_LIMITS, type RateLimits, type Limit } from './http.js';
