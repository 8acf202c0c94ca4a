import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { abstractiveKeyPoints, summaryService, SummaryServiceError } from './abstractive'

// A local stand-in for an OpenAI-compatible endpoint; each test sets how it answers.
let answer: (
  body: { model: string; messages: { role: string; content: string }[] },
  auth?: string,
) => {
  status: number
  body: unknown
  delayMs?: number
}
const seen: { auth?: string; path?: string }[] = []
let server: http.Server
let url: string

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      seen.push({ auth: req.headers.authorization, path: req.url })
      const a = answer(JSON.parse(raw), req.headers.authorization)
      setTimeout(() => {
        res.writeHead(a.status, { 'Content-Type': 'application/json' })
        res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body))
      }, a.delayMs ?? 0)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const article = { title: 'Bridge closes', text: 'The bridge closes to cars in spring. Repairs take two years.' }

describe('abstractive key points', () => {
  it('is configured only by SUMMARY_API_URL', () => {
    expect(summaryService({})).toBeUndefined()
    expect(summaryService({ SUMMARY_API_URL: 'http://x/v1', SUMMARY_API_KEY: 'k' })).toEqual({
      url: 'http://x/v1',
      key: 'k',
      model: 'gpt-4o-mini',
    })
  })

  it('asks the chat completions endpoint and returns its lines as points', async () => {
    answer = (body) => {
      expect(body.model).toBe('local-model')
      expect(body.messages.at(-1)!.content).toContain('The bridge closes to cars')
      return {
        status: 200,
        body: { choices: [{ message: { content: '- The bridge closes to cars.\n\n2. Repairs take two years.\n' } }] },
      }
    }
    const points = await abstractiveKeyPoints({ url, key: 'secret-key', model: 'local-model' }, article)
    expect(points).toEqual(['The bridge closes to cars.', 'Repairs take two years.'])
    expect(seen.at(-1)).toEqual({ auth: 'Bearer secret-key', path: '/v1/chat/completions' })
  })

  it('fails with a readable reason on an error status, a malformed answer, silence or no server', async () => {
    const service = { url, model: 'm', timeoutMs: 300 }
    answer = () => ({ status: 500, body: { error: 'boom' } })
    await expect(abstractiveKeyPoints(service, article)).rejects.toThrow('HTTP 500')
    answer = () => ({ status: 200, body: 'not json' })
    await expect(abstractiveKeyPoints(service, article)).rejects.toThrow(SummaryServiceError)
    answer = () => ({ status: 200, body: { choices: [{ message: { content: ' \n ' } }] } })
    await expect(abstractiveKeyPoints(service, article)).rejects.toThrow('empty')
    answer = () => ({ status: 200, body: { choices: [] }, delayMs: 1000 })
    await expect(abstractiveKeyPoints(service, article)).rejects.toThrow('in time')
    await expect(abstractiveKeyPoints({ url: 'http://127.0.0.1:1/v1', model: 'm' }, article)).rejects.toThrow(
      'could not be reached',
    )
  })
})
