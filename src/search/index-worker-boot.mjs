// Entry of a search analysis worker (see index-worker.ts): the worker thread
// does not inherit the main thread's TypeScript loader, so register tsx first.
import { register } from 'tsx/esm/api'

register()
await import('./index-worker.ts')
