// `npm start` and `npm run serve`: compiles the server (scripts/compile-server.mjs), then runs it
// in this process, so signals reach the server itself. A group's workers are forked from this file
// too: they run the bundle as it stands, which a build or a restart rewrites, so a reload puts a
// new build's server code live along with its pages.
//
// Source maps are written beside the bundle but not applied by Node: with them on, Node also reads
// the source map of every package file it loads, 55 MB more per process. The traces Next prints
// are mapped all the same, reading a map only when a trace is printed (mapTracesOnDemand in
// server/next-internals.ts). `node --enable-source-maps scripts/start.mjs` maps every trace while
// debugging; workers inherit the flag.
import { spawnSync } from 'node:child_process'
import cluster from 'node:cluster'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { serverBundle } from './compile-server.mjs'

if (cluster.isPrimary) {
  // In a process of its own: esbuild keeps a service process and a thread in whoever calls it.
  const compiler = fileURLToPath(new URL('./compile-server.mjs', import.meta.url))
  const compiled = spawnSync(process.execPath, [compiler], { stdio: 'inherit' })
  if (compiled.status !== 0) process.exit(compiled.status ?? 1)
}
createRequire(import.meta.url)(serverBundle)
