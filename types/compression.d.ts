// compression's own types (@types/compression) describe Express; the front server is node:http.
declare module 'compression' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

  export default function compression(): Middleware
}
