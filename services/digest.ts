import { claimDigestSend, finishDigestSend } from '@/db/mutations/digests'
import {
  type DigestCandidate,
  getDigestSend,
  getDigestSubscription,
  listActiveDigestSubscriptions,
  listDigestChoices,
  listDigestStories,
} from '@/db/queries/digests'
import { readSiteSettings } from '@/db/queries/site-settings'
import { type DigestContent, type DigestGroup, digestHtml, digestSubject, digestText } from '@/lib/digest-mail'
import { type DigestFrequency, type DigestSlot, latestSlot, lookbackDays } from '@/lib/digest-schedule'
import { unsubscribePath } from '@/lib/digest-token'
import { visibleKeyPoints } from '@/lib/key-points'
import { type OutgoingMail, type SentMail, sendMail } from './mail'
import { absoluteUrl, articlePath } from '@/lib/urls'

const day = 86_400_000
export const digestPreferencesPath = '/account/digest/'

/**
 * Stories under the reader's own headings: the first of their sections (primary, then secondary)
 * the reader follows, else the followed parent of one, else their tags.
 */
export function groupStories(
  stories: DigestCandidate[],
  followedSectionIds: number[],
  sectionNames: Map<number, string>,
  toStory: (c: DigestCandidate) => DigestGroup['stories'][number],
): DigestGroup[] {
  const groups = new Map<string, DigestGroup>()
  for (const c of stories) {
    const sections = [
      ...(c.categoryId !== null ? [{ id: c.categoryId, name: c.categoryName ?? 'News', parentId: c.parentId }] : []),
      ...c.secondarySections,
    ]
    const followed = sections.find((s) => followedSectionIds.includes(s.id))
    const parent = sections.find((s) => s.parentId !== null && followedSectionIds.includes(s.parentId))?.parentId
    const heading = followed
      ? followed.name
      : parent != null
        ? (sectionNames.get(parent) ?? 'News')
        : 'From tags you follow'
    const group = groups.get(heading) ?? { heading, stories: [] }
    group.stories.push(toStory(c))
    groups.set(heading, group)
  }
  return [...groups.values()]
}

type Reader = {
  userId: number
  email: string
  name: string
  frequency: DigestFrequency
  hour: number
  timezone: string
  coveredUntil: Date | null
}

/** The digest a reader would get for the given window, as mail content, or null with no stories. */
export async function composeDigest(reader: Reader, window: { from: Date; to: Date }, slotAt: Date) {
  const sub = await getDigestSubscription(reader.userId)
  if (!sub) return null
  const site = await readSiteSettings()
  const stories = await listDigestStories(sub, window)
  if (stories.length === 0) return { content: null, articleIds: [] as number[] }
  const names = new Map((await listDigestChoices()).sections.map((s) => [s.id, s.name]))
  const groups = groupStories(stories, sub.sectionIds, names, (c) => ({
    id: c.id,
    title: c.title,
    url: absoluteUrl(articlePath(c, site.timezone)),
    standfirst: c.standfirst,
    keyPoints: visibleKeyPoints(c),
    featured: c.isFeatured,
  }))
  const content: DigestContent = {
    siteName: site.name,
    siteUrl: absoluteUrl('/'),
    readerName: reader.name,
    dateLabel: new Intl.DateTimeFormat(site.locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: reader.timezone,
    }).format(slotAt),
    groups,
    unsubscribeUrl: absoluteUrl(unsubscribePath(reader.userId, reader.email)),
    preferencesUrl: absoluteUrl(digestPreferencesPath),
  }
  return { content, articleIds: groups.flatMap((g) => g.stories.map((s) => s.id)) }
}

/** Where a reader's next digest starts: after the last one sent, looking back at most two periods. */
export function digestWindow(reader: Reader, slot: DigestSlot, now: Date) {
  const period = lookbackDays[reader.frequency === 'off' ? 'weekly' : reader.frequency] * day
  const earliest = slot.at.getTime() - 2 * period
  const from = reader.coveredUntil ? Math.max(reader.coveredUntil.getTime(), earliest) : slot.at.getTime() - period
  return { from: new Date(from), to: now }
}

export function digestMail(content: DigestContent, to: string): OutgoingMail {
  return {
    to,
    subject: digestSubject(content),
    text: digestText(content),
    html: digestHtml(content),
    // RFC 8058: mail clients offer one-click unsubscribe by POSTing to this URL.
    headers: {
      'List-Unsubscribe': `<${content.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': `${content.siteName} digest <digest.${new URL(content.siteUrl).hostname}>`,
      'Auto-Submitted': 'auto-generated',
    },
  }
}

export type DigestRunResult = { due: number; sent: number; failed: number; bounced: number; empty: number }

/**
 * Sends every digest that is due: one per reader and date, claimed in the send log before the mail
 * goes out, so overlapping runs and a run resumed after a crash never send one twice.
 */
export async function runDigests(
  options: { now?: Date; send?: (mail: OutgoingMail) => Promise<SentMail>; log?: (line: string) => void } = {},
): Promise<DigestRunResult> {
  const now = options.now ?? new Date()
  const send = options.send ?? sendMail
  const result: DigestRunResult = { due: 0, sent: 0, failed: 0, bounced: 0, empty: 0 }
  for (const reader of await listActiveDigestSubscriptions()) {
    const slot = latestSlot(reader, now)
    // A reader who signs up after today's hour starts with the next one.
    if (!slot || slot.at.getTime() < reader.createdAt.getTime()) continue
    if (await getDigestSend(reader.userId, slot.key)) continue
    result.due++
    const window = digestWindow(reader, slot, now)
    const digest = await composeDigest(reader, window, slot.at)
    if (!digest) continue
    const claimed = await claimDigestSend({
      userId: reader.userId,
      slot: slot.key,
      email: reader.email,
      articleIds: digest.articleIds,
      windowEnd: window.to,
      now,
    })
    if (!claimed) continue
    if (!digest.content) {
      result.empty++
      continue
    }
    try {
      const sent = await send(digestMail(digest.content, reader.email))
      await finishDigestSend(claimed, { status: 'sent', messageId: sent.messageId })
      result.sent++
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode
      const status = code && code >= 500 ? 'bounced' : 'failed'
      await finishDigestSend(claimed, { status, error: String((error as Error).message ?? error).slice(0, 500) })
      result[status]++
      options.log?.(`Digest for user ${reader.userId} ${status}: ${(error as Error).message}`)
    }
  }
  return result
}
