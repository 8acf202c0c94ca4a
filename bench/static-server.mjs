// The baseline: the same bytes from memory, with nothing in between. Usage: node static-server.mjs DIR PORT
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

const [dir, port] = process.argv.slice(2)
const files = new Map()
for (const name of fs.readdirSync(dir)) files.set(`/${name}`, fs.readFileSync(path.join(dir, name)))

http
  .createServer((req, res) => {
    // Like nginx's gzip_static: the precompressed copy when the client takes gzip.
    const gz = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && files.get(`${req.url}.gz`)
    const body = gz || files.get(req.url)
    if (!body) return res.writeHead(404).end()
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
      ...(gz ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    })
    res.end(body)
  })
  .listen(Number(port), '127.0.0.1', () => console.log(`static baseline on ${port}`))
