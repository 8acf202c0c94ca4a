import type { ServerResponse } from 'node:http'

type Head = Parameters<ServerResponse['writeHead']>

/** Applies a held `writeHead(status, [message], [headers])` to the response. */
function applyHead(res: ServerResponse, head: Head | undefined) {
  if (!head) return
  const [status, second, third] = head as unknown as [number, unknown?, unknown?]
  const headers = typeof second === 'string' ? third : second
  if (typeof second === 'string') res.statusMessage = second
  res.statusCode = status
  if (Array.isArray(headers)) {
    // Either [[name, value], …] or the flat [name, value, name, value, …] form.
    const pairs = Array.isArray(headers[0])
      ? (headers as [string, string][])
      : Array.from({ length: headers.length / 2 }, (_, i) => [headers[2 * i], headers[2 * i + 1]] as [string, string])
    for (const [name, value] of pairs) res.appendHeader(name, value)
  } else if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value as string)
  }
}

export type CaptureHandlers = {
  /**
   * Next's complete response, not a 404: the response's own methods are back and its status and
   * headers applied, so this sends `body` (changed or not) with `res.end(body, callback)`.
   */
  complete(body: Buffer, callback: (() => void) | undefined): void
  /** Next answered 404: nothing of it was sent, the response's methods are back and its headers cleared. */
  notFound(): void
  /** The not-found page's own pass: its 404 is the page, kept like any other. */
  keepNotFound?: boolean
}

/**
 * Holds the response Next writes until it is complete, so it can be changed before anything is
 * sent. Next may send its status through `writeHead` or set `statusCode` before the first write;
 * a 404 either way is swallowed whole.
 */
export function captureResponse(res: ServerResponse, on: CaptureHandlers) {
  const keepNotFound = on.keepNotFound ?? false
  const chunks: Buffer[] = []
  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders }
  let head: Head | undefined
  let swallowed = false
  const intercept = () => swallowed || (swallowed = !keepNotFound && res.statusCode === 404)
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk && typeof chunk !== 'function')
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk)
            : Buffer.from(chunk as string, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding),
      )
  }
  const callbackOf = (args: unknown[]) => args.find((a) => typeof a === 'function') as (() => void) | undefined

  res.writeHead = function (this: ServerResponse, ...args: Head) {
    if (args[0] === 404 && !keepNotFound) swallowed = true
    if (!intercept()) {
      head = args
      this.statusCode = args[0]
    }
    return this
  } as ServerResponse['writeHead']
  res.flushHeaders = function () {}
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    if (!intercept()) keep(args[0], args[1])
    callbackOf(args)?.()
    return true
  } as ServerResponse['write']
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (!intercept()) {
      keep(args[0], args[1])
      Object.assign(res, original)
      applyHead(res, head)
      on.complete(Buffer.concat(chunks), callbackOf(args))
      return this
    }
    Object.assign(res, original)
    for (const name of res.getHeaderNames()) res.removeHeader(name)
    on.notFound()
    return this
  } as ServerResponse['end']
}
