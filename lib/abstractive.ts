/**
 * Optional abstractive key points from an OpenAI-compatible chat completions endpoint
 * (SUMMARY_API_URL, e.g. https://llm.example.com/v1, with SUMMARY_API_KEY and SUMMARY_MODEL). Only
 * ever asked for by an editor; the local extractive summary stays the default and the fallback.
 */
import { type Env, env } from './env'

export type SummaryService = { url: string; key?: string; model: string; timeoutMs?: number }

export class SummaryServiceError extends Error {}

export function summaryService(
  config: Partial<Pick<Env, 'SUMMARY_API_URL' | 'SUMMARY_API_KEY' | 'SUMMARY_MODEL'>> = env,
): SummaryService | undefined {
  const url = config.SUMMARY_API_URL?.trim()
  if (!url) return undefined
  return { url, key: config.SUMMARY_API_KEY?.trim() || undefined, model: config.SUMMARY_MODEL?.trim() || 'gpt-4o-mini' }
}

const instructions =
  'You write the "Key points" box of a news article. Reply with 3 to 5 key points, one a line, ' +
  'each a short complete sentence stating a fact from the article. No numbering, no bullets, no ' +
  'introduction, nothing the article does not say.'

/** 3-5 key points written by the service; throws SummaryServiceError with a readable reason. */
export async function abstractiveKeyPoints(service: SummaryService, article: { title: string; text: string }) {
  const endpoint = `${service.url.replace(/\/+$/, '')}/chat/completions`
  let response: Response
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(service.key ? { Authorization: `Bearer ${service.key}` } : {}),
      },
      body: JSON.stringify({
        model: service.model,
        temperature: 0.2,
        messages: [
          { role: 'system', content: instructions },
          { role: 'user', content: `Headline: ${article.title}\n\n${article.text.slice(0, 20_000)}` },
        ],
      }),
      signal: AbortSignal.timeout(service.timeoutMs ?? 30_000),
    })
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError'
    throw new SummaryServiceError(
      timedOut ? 'The summary service did not answer in time.' : 'The summary service could not be reached.',
    )
  }
  if (!response.ok) throw new SummaryServiceError(`The summary service answered with HTTP ${response.status}.`)
  const data = (await response.json().catch(() => undefined)) as
    { choices?: { message?: { content?: unknown } }[] } | undefined
  const content = data?.choices?.[0]?.message?.content
  if (typeof content !== 'string') throw new SummaryServiceError('The summary service sent no summary.')
  const points = content
    .split('\n')
    .map((l) =>
      l
        .replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((l) => l.length > 0)
    .map((l) => l.slice(0, 400))
  if (points.length < 1) throw new SummaryServiceError('The summary service sent an empty summary.')
  return points.slice(0, 5)
}
