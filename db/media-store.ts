// No 'server-only' here: the backup, restore and import scripts import this under tsx.
// Beside client.ts because it is the same kind of thing: the connection to where the site's state
// lives, chosen by configuration, opened once per process and closed at shutdown. services/ (media,
// backup, share images, the WordPress importer) and, through them, app/ and scripts/ use it.
import type * as S3 from '@aws-sdk/client-s3'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { env } from '../lib/env'
import { log } from '../lib/log'
import { mediaStoreFailureCode } from '../lib/write-failure'

/** Media names are generated once (`2026/12/harbour-1f2e3d4c-800.webp`) and never reused. */
export const immutableCacheControl = 'public, max-age=31536000, immutable'

export type MediaObject = {
  body: ReadableStream<Uint8Array>
  bytes: number
  etag: string
  lastModified?: Date
}

export type MediaRead = MediaObject | { notModified: true; etag: string } | undefined

export type MediaHead = { bytes: number; etag: string; contentType?: string; cacheControl?: string }

export interface MediaStore {
  readonly kind: 'folder' | 's3'
  /** What the start-up line names: the folder, or the bucket and its endpoint, never a key. */
  readonly description: string
  put(key: string, body: Buffer, contentType: string): Promise<void>
  /** The object as a stream; `notModified` when `ifNoneMatch` names its current ETag. */
  get(key: string, ifNoneMatch?: string): Promise<MediaRead>
  read(key: string): Promise<Buffer | undefined>
  head(key: string): Promise<MediaHead | undefined>
  delete(keys: string[]): Promise<void>
  list(): AsyncIterable<{ key: string; bytes: number }>
  /** Since when calls have been failing, until one succeeds; undefined while it answers. */
  failingSince(): Date | undefined
  close(): void
}

/** The storage failed or cannot be reached; `code` makes it a write failure of its own kind. */
export class MediaStoreError extends Error {
  override name = 'MediaStoreError'
  readonly code = mediaStoreFailureCode
  constructor(store: string, cause: unknown) {
    super(`Media storage (${store}) failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  }
}

/**
 * True for a MediaStoreError, also one made by another bundle's copy of this module (the store is
 * shared through globalThis, so `instanceof` would miss it).
 */
export function isMediaStoreError(error: unknown): error is MediaStoreError {
  return (error as { code?: unknown } | null)?.code === mediaStoreFailureCode
}

// No empty, `.` or `..` segment, no backslash or control character: a key is a relative path in
// any folder and the same name in a bucket.
const segment = /^(?!\.\.?$)[^/\\\u0000-\u001f\u007f]+$/
export function isMediaKey(key: string) {
  const parts = key.split('/')
  return key.length <= 512 && parts.length <= 8 && parts.every((p) => segment.test(p))
}

/** A failing store is logged when it starts failing and when it works again, not on every call. */
function failureLog(description: string) {
  let failingSince: number | undefined
  return {
    since: () => (failingSince === undefined ? undefined : new Date(failingSince)),
    ok() {
      if (failingSince === undefined) return
      log('info', 'media storage working again', { store: description, failingMs: Date.now() - failingSince })
      failingSince = undefined
    },
    failed(error: unknown) {
      if (failingSince !== undefined) return
      failingSince = Date.now()
      log('error', 'media storage failing', { store: description, error: String(error) })
    },
  }
}

const absentFile = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG'])

/** Media in a folder of this host: UPLOADS_DIR, or `uploads/` beside the database. */
export function folderStore(dir: string): MediaStore {
  const root = path.resolve(/*turbopackIgnore: true*/ dir)
  const description = `folder ${root}`
  const health = failureLog(description)
  const fileOf = (key: string) => {
    if (!isMediaKey(key)) return undefined
    const file = path.resolve(root, key)
    return file.startsWith(root + path.sep) ? file : undefined
  }
  const reading = async <T>(key: string, work: (file: string) => Promise<T>) => {
    const file = fileOf(key)
    if (!file) return undefined
    try {
      const value = await work(file)
      health.ok()
      return value
    } catch (error) {
      if (absentFile.has((error as NodeJS.ErrnoException).code ?? '')) return undefined
      health.failed(error)
      throw new MediaStoreError(description, error)
    }
  }
  const etagOf = (stat: fs.Stats) => `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`
  return {
    kind: 'folder',
    description,
    // Disk errors keep their own codes (ENOSPC, EROFS), which lib/write-failure.ts already names.
    async put(key, body) {
      const file = fileOf(key)
      if (!file) throw new Error(`Not a media name: ${key}`)
      await fs.promises.mkdir(path.dirname(file), { recursive: true })
      await fs.promises.writeFile(file, body)
    },
    get: (key, ifNoneMatch) =>
      reading(key, async (file): Promise<MediaRead> => {
        // One open file for the check and the stream: the object read is the one whose ETag is sent.
        const handle = await fs.promises.open(file, 'r')
        let streaming = false
        try {
          const stat = await handle.stat()
          if (!stat.isFile()) return undefined
          const etag = etagOf(stat)
          if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(etag)) return { notModified: true, etag }
          const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>
          streaming = true
          return { body, bytes: stat.size, etag, lastModified: stat.mtime }
        } finally {
          // The stream closes the file when it ends or is cancelled.
          if (!streaming) await handle.close()
        }
      }),
    read: (key) => reading(key, (file) => fs.promises.readFile(file)),
    head: (key) =>
      reading(key, async (file) => {
        const stat = await fs.promises.stat(file)
        return stat.isFile() ? { bytes: stat.size, etag: etagOf(stat) } : undefined
      }),
    async delete(keys) {
      await Promise.all(keys.map((key) => fileOf(key)).map((file) => file && fs.promises.rm(file, { force: true })))
    },
    async *list() {
      if (!fs.existsSync(root)) return
      for (const entry of await fs.promises.readdir(root, { withFileTypes: true, recursive: true })) {
        if (!entry.isFile()) continue
        const file = path.join(entry.parentPath, entry.name)
        yield { key: path.relative(root, file).split(path.sep).join('/'), bytes: fs.statSync(file).size }
      }
    },
    failingSince: health.since,
    close() {},
  }
}

export type S3Config = {
  bucket: string
  region: string
  endpoint?: string
  accessKeyId?: string
  secretAccessKey?: string
}

const notFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } }
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404
}
const notModified = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 304

/** Media in a bucket of S3 or of any S3-compatible store, shared by every host. */
export function s3Store(config: S3Config): MediaStore {
  const endpoint = config.endpoint ? new URL(config.endpoint) : undefined
  if (endpoint) endpoint.username = endpoint.password = ''
  const description = `S3 bucket ${config.bucket}${endpoint ? ` at ${endpoint.origin}` : ''} (${config.region})`
  const health = failureLog(description)
  const newClient = (sdk: typeof S3) =>
    new sdk.S3Client({
      region: config.region,
      endpoint: config.endpoint,
      // Most S3-compatible stores (MinIO, Ceph, Garage, test servers) address buckets by path.
      forcePathStyle: Boolean(config.endpoint),
      // Without keys, the SDK's chain: AWS_* variables, a profile, an instance or task role.
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
      // The SDK adds CRC checksums to every upload by default, which several S3-compatible stores
      // refuse; checksums only where the API requires them works with all.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // A store that does not answer fails the request within seconds: readers get a 503, an
      // uploader their form back, rather than a request held until the browser gives up.
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 15_000 },
    })
  // The SDK is loaded by the first call, not by importing this module: a site without a bucket
  // never loads it (about 100 ms and 6 MB of every process and test file).
  type Opened = { sdk: typeof S3; client: S3.S3Client }
  let opened: Promise<Opened> | undefined
  const call = async <T>(work: (s3: Opened) => Promise<T>, absent?: (error: unknown) => T): Promise<T> => {
    try {
      opened ??= import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: newClient(sdk) }))
      const value = await work(await opened)
      health.ok()
      return value
    } catch (error) {
      if (absent && (notFound(error) || notModified(error))) {
        health.ok()
        return absent(error)
      }
      health.failed(error)
      throw new MediaStoreError(description, error)
    }
  }
  const Bucket = config.bucket
  return {
    kind: 's3',
    description,
    put: (key, body, contentType) =>
      call(async ({ sdk, client }) => {
        if (!isMediaKey(key)) throw new Error(`Not a media name: ${key}`)
        await client.send(
          new sdk.PutObjectCommand({
            Bucket,
            Key: key,
            Body: body,
            ContentType: contentType,
            CacheControl: immutableCacheControl,
          }),
        )
      }),
    get: (key, ifNoneMatch) =>
      !isMediaKey(key)
        ? Promise.resolve(undefined)
        : call(
            async ({ sdk, client }): Promise<MediaRead> => {
              const res = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key, IfNoneMatch: ifNoneMatch }))
              if (!res.Body) return undefined
              return {
                body: res.Body.transformToWebStream() as ReadableStream<Uint8Array>,
                bytes: res.ContentLength ?? 0,
                etag: res.ETag ?? '',
                lastModified: res.LastModified,
              }
            },
            (error) => (notModified(error) ? { notModified: true, etag: ifNoneMatch ?? '' } : undefined),
          ),
    read: (key) =>
      !isMediaKey(key)
        ? Promise.resolve(undefined)
        : call(
            async ({ sdk, client }) => {
              const res = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key }))
              return res.Body ? Buffer.from(await res.Body.transformToByteArray()) : undefined
            },
            () => undefined,
          ),
    head: (key) =>
      !isMediaKey(key)
        ? Promise.resolve(undefined)
        : call(
            async ({ sdk, client }) => {
              const res = await client.send(new sdk.HeadObjectCommand({ Bucket, Key: key }))
              return {
                bytes: res.ContentLength ?? 0,
                etag: res.ETag ?? '',
                contentType: res.ContentType,
                cacheControl: res.CacheControl,
              }
            },
            () => undefined,
          ),
    // One request per object: the batch API needs a Content-MD5 that not every compatible store
    // takes, and a medium has only a few renditions.
    async delete(keys) {
      const names = keys.filter(isMediaKey)
      if (names.length === 0) return
      await call(({ sdk, client }) =>
        Promise.all(names.map((key) => client.send(new sdk.DeleteObjectCommand({ Bucket, Key: key })))),
      )
    },
    async *list() {
      let token: string | undefined
      do {
        const page = await call(({ sdk, client }) =>
          client.send(new sdk.ListObjectsV2Command({ Bucket, ContinuationToken: token, MaxKeys: 1000 })),
        )
        for (const object of page.Contents ?? []) if (object.Key) yield { key: object.Key, bytes: object.Size ?? 0 }
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token)
    },
    failingSince: health.since,
    // A store whose SDK never loaded has no client to close, and no rejection to raise at shutdown.
    close: () =>
      void opened?.then(
        ({ client }) => client.destroy(),
        () => undefined,
      ),
  }
}

/** Where media live without a bucket: UPLOADS_DIR, or `uploads/` beside the database. */
export function uploadsFolder() {
  return path.resolve(
    /*turbopackIgnore: true*/ env.UPLOADS_DIR ?? path.join(path.dirname(path.resolve(env.DATABASE_PATH)), 'uploads'),
  )
}

function configuredS3(): S3Config | undefined {
  if (!env.S3_BUCKET || !env.S3_REGION) return undefined
  return {
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
  }
}

// One store per process, also across Next's module copies; rebuilt when the configuration it was
// made from changes (a test pointing media at its own server).
const g = globalThis as unknown as { gazetteMediaStore?: { config: string; store: MediaStore } }

/** The site's media storage: the bucket when S3_BUCKET is set, else the uploads folder. */
export function mediaStore(): MediaStore {
  const s3 = configuredS3()
  const config = s3 ? JSON.stringify(s3) : uploadsFolder()
  if (g.gazetteMediaStore?.config !== config) {
    g.gazetteMediaStore?.store.close()
    g.gazetteMediaStore = { config, store: s3 ? s3Store(s3) : folderStore(config) }
  }
  return g.gazetteMediaStore.store
}

/** The site's media storage as the start-up line names it, without keys. */
export function describeMediaStore() {
  return mediaStore().description
}

/** Closes the storage's connections at shutdown. */
export function closeMediaStore() {
  g.gazetteMediaStore?.store.close()
  g.gazetteMediaStore = undefined
}
