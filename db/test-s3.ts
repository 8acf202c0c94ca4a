// For tests only: a real S3-compatible server (s3rver) on loopback, and the site pointed at it.
import { S3Client } from '@aws-sdk/client-s3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'
import { env } from '../lib/env'

export type TestS3 = {
  bucket: string
  endpoint: string
  /** A client of the server, to look at the bucket behind the site's back. */
  client: S3Client
  /** Points the site's media at the bucket (mediaStore() follows the configuration). */
  use(): void
  /** Points the site's media back at the uploads folder. */
  unuse(): void
  /** Stops the server, keeping its objects: an outage, until `resume()`. */
  pause(): Promise<void>
  /** Starts the paused server again on the same port. */
  resume(): Promise<void>
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>
}

export async function startS3(bucket = 'gazette-media'): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-s3-'))
  const start = (port: number) =>
    new S3rver({ port, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: bucket }] })
  let server = start(0)
  const { port } = await server.run()
  let running = true
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  })
  const settings = {
    S3_BUCKET: bucket,
    S3_REGION: 'us-east-1',
    S3_ENDPOINT: endpoint,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
  } as const
  return {
    bucket,
    endpoint,
    client,
    use: () => Object.assign(env, settings),
    unuse: () => {
      for (const name of Object.keys(settings)) Reflect.set(env, name, undefined)
    },
    async pause() {
      await server.close()
      running = false
    },
    async resume() {
      server = start(port)
      await server.run()
      running = true
    },
    async stop() {
      client.destroy()
      if (running) await server.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
