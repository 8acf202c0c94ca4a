import cluster, { type Worker } from 'node:cluster'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { expect, it } from 'vitest'

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })

it('retires workers one at a time under new connections, every one of them answered', async () => {
  const port = await freePort()
  cluster.setupPrimary({
    exec: path.join(import.meta.dirname, 'test-group-worker.ts'),
    execArgv: ['--import', 'tsx'],
    silent: true,
  })
  const fork = () => {
    const worker = cluster.fork({ PORT: String(port) })
    return new Promise<Worker>((resolve) => worker.once('listening', () => resolve(worker)))
  }
  const exited = (worker: Worker) => new Promise((resolve) => worker.once('exit', resolve))
  let workers = await Promise.all([fork(), fork()])

  const outcomes = new Map<string, number>()
  let connecting = true
  // Each request on a connection of its own: the primary hands every new one to the next worker.
  const reader = async () => {
    while (connecting) {
      const outcome = await new Promise<string>((resolve) => {
        const request = http.get(`http://127.0.0.1:${port}/`, { agent: false }, (res) => {
          res.resume()
          res.on('end', () => resolve(String(res.statusCode)))
        })
        request.setTimeout(5000, () => request.destroy(new Error('no answer')))
        request.on('error', (error) => resolve(error.message))
      })
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
    }
  }
  const readers = Array.from({ length: 6 }, reader)
  try {
    for (let round = 0; round < 6; round++) {
      const [old, kept] = workers as [Worker, Worker]
      const fresh = await fork()
      old.process.kill('SIGTERM')
      await exited(old)
      workers = [kept, fresh]
    }
  } finally {
    connecting = false
    await Promise.all(readers)
    await Promise.all(workers.map((worker) => (worker.process.kill('SIGTERM'), exited(worker))))
  }
  expect([...outcomes.keys()]).toEqual(['200'])
  expect(outcomes.get('200')).toBeGreaterThan(100)
}, 60_000)
