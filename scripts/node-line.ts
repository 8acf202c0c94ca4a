import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export type NodeLine = {
  /** The Node binary of that line. */
  node: string
  /** Its version, as `node --version` prints it. */
  version: string
  /** A copy of this checkout whose better-sqlite3 binding is the one built for that Node. */
  tree: string
  remove: () => void
}

/**
 * Another Node line (a major version, 22 or 24) beside this machine's, for the unit tests
 * (`SECOND_NODE`) and the benchmark (`--node`): its binary and better-sqlite3 binding come from
 * scripts/second-node.sh (which waits on its lock when a run started it early), and it runs in a
 * copy of this checkout made of hard links, with `skip` left out. The binding is the one file
 * replaced, not written over: the hard link would carry the write back to this checkout. Returns
 * undefined when the line could not be prepared; the script has said why on stderr.
 */
export function prepareNodeLine(major: string, skip: string[] = []): NodeLine | undefined {
  const prepared = spawnSync('bash', ['scripts/second-node.sh', major], { stdio: ['ignore', 'pipe', 'inherit'] })
  const dir = prepared.stdout.toString().trim()
  if (prepared.status !== 0 || !dir) return undefined
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-node-'))
  const remove = () => fs.rmSync(root, { recursive: true, force: true })
  const tree = path.join(root, path.basename(process.cwd()))
  fs.mkdirSync(tree)
  const entries = fs.readdirSync('.').filter((e) => !['.git', ...skip].includes(e))
  if (spawnSync('cp', ['-al', ...entries, tree], { stdio: 'inherit' }).status !== 0) {
    remove()
    return undefined
  }
  // Tests read ../shared/testdata when it is there.
  if (fs.existsSync('../shared')) fs.symlinkSync(path.resolve('../shared'), path.join(root, 'shared'))
  const binding = path.join(tree, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')
  fs.rmSync(binding)
  fs.copyFileSync(path.join(dir, 'better_sqlite3.node'), binding)
  const node = path.join(dir, 'node', 'bin', 'node')
  const version = spawnSync(node, ['--version']).stdout.toString().trim()
  return { node, version, tree, remove }
}
