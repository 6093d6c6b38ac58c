/*
| Ace entry point. TypeScript sources run through ts-node's ESM loader so
| commands work straight from a fresh clone, without a build step.
*/
import 'ts-node-maintained/register/esm'

await import('./bin/console.js')
