// `npm run build` ends here, and every server start compiles first: scripts/start.ts and what it
// imports, bundled into one CommonJS file that plain Node runs. Serving through tsx instead kept
// its loader thread, a second V8 isolate, and every module's transpiled source and source map in
// each process: 70 MB of every worker's memory, for code that changes only with a deploy.
// Plain JavaScript: it runs before anything is compiled.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))

/** The compiled server, run by scripts/start.mjs. */
export const serverBundle = path.join(root, 'dist', 'start.cjs')

export async function compileServer() {
  const { buildSync } = await import('esbuild')
  const { outputFiles } = buildSync({
    absWorkingDir: root,
    entryPoints: ['scripts/start.ts'],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Packages stay in node_modules, loaded as they are: only our own TypeScript is compiled.
    packages: 'external',
    sourcemap: 'external',
    sourcesContent: false,
    logLevel: 'warning',
    write: false,
  })
  fs.mkdirSync(path.dirname(serverBundle), { recursive: true })
  // Renamed into place: a group's primary forks workers from this file at any time, and two
  // servers may start from one checkout at once.
  for (const file of outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`
    fs.writeFileSync(temporary, file.contents)
    fs.renameSync(temporary, file.path)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await compileServer()
