import { escapeHtml } from './html'

export type DigestStory = {
  id: number
  title: string
  url: string
  standfirst: string
  keyPoints: string[]
  featured: boolean
}

export type DigestGroup = { heading: string; stories: DigestStory[] }

export type DigestContent = {
  siteName: string
  siteUrl: string
  readerName: string
  dateLabel: string
  groups: DigestGroup[]
  unsubscribeUrl: string
  preferencesUrl: string
}

const storyCount = (groups: DigestGroup[]) => groups.reduce((n, g) => n + g.stories.length, 0)

export function digestSubject(c: Pick<DigestContent, 'siteName' | 'dateLabel' | 'groups'>) {
  const top = c.groups[0]?.stories[0]?.title
  const n = storyCount(c.groups)
  return `${c.siteName} digest, ${c.dateLabel}: ${top ?? 'your stories'}${n > 1 ? ` and ${n - 1} more` : ''}`
}

/** The plain-text part: what text-only clients and screen readers of raw mail get. */
export function digestText(c: DigestContent) {
  const lines = [`${c.siteName}: your digest for ${c.dateLabel}`, '', `Hello ${c.readerName},`, '']
  for (const g of c.groups) {
    lines.push(g.heading.toUpperCase(), '')
    for (const s of g.stories) {
      lines.push(`${s.featured ? '* ' : ''}${s.title}`)
      if (s.standfirst) lines.push(s.standfirst)
      for (const p of s.keyPoints) lines.push(`  - ${p}`)
      lines.push(`  Read: ${s.url}`, '')
    }
  }
  lines.push('--', `Change what you receive: ${c.preferencesUrl}`, `Unsubscribe with one click: ${c.unsubscribeUrl}`)
  return `${lines.join('\n')}\n`
}

/**
 * The HTML part: one centred table, inline styles only (many clients drop <style>), system fonts,
 * colours that keep their contrast when a client darkens the page, and a dark-mode block for the
 * clients that honour prefers-color-scheme.
 */
export function digestHtml(c: DigestContent) {
  const e = escapeHtml
  const story = (s: DigestStory) => `
<tr><td class="card" style="padding:16px 0;border-top:1px solid #d4d4d8;">
  ${s.featured ? '<p style="margin:0 0 4px;font-size:12px;font-weight:bold;letter-spacing:0.05em;text-transform:uppercase;color:#b91c1c;">Featured</p>' : ''}
  <h3 style="margin:0 0 6px;font-size:20px;line-height:1.3;font-family:Georgia,'Times New Roman',serif;"><a class="link" href="${e(s.url)}" style="color:#18181b;text-decoration:none;">${e(s.title)}</a></h3>
  ${s.standfirst ? `<p class="muted" style="margin:0 0 8px;color:#3f3f46;font-size:15px;line-height:1.5;">${e(s.standfirst)}</p>` : ''}
  ${
    s.keyPoints.length
      ? `<ul style="margin:0 0 8px;padding-left:20px;color:#27272a;font-size:15px;line-height:1.5;">${s.keyPoints.map((p) => `<li style="margin:0 0 4px;">${e(p)}</li>`).join('')}</ul>`
      : ''
  }
  <p style="margin:0;font-size:14px;"><a class="link" href="${e(s.url)}" style="color:#1d4ed8;">Read the article</a></p>
</td></tr>`
  const groups = c.groups
    .map(
      (g) => `
<tr><td style="padding:24px 0 0;"><h2 class="heading" style="margin:0;font-size:13px;letter-spacing:0.08em;text-transform:uppercase;color:#52525b;">${e(g.heading)}</h2></td></tr>
${g.stories.map(story).join('')}`,
    )
    .join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${e(c.siteName)} digest</title>
<style>
@media (prefers-color-scheme: dark) {
  .body, .wrap { background:#18181b !important; color:#f4f4f5 !important; }
  .link, h1, h3 { color:#f4f4f5 !important; }
  .muted, .heading { color:#d4d4d8 !important; }
  .card { border-color:#3f3f46 !important; }
}
</style>
</head>
<body class="body" style="margin:0;padding:0;background:#f4f4f5;color:#18181b;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5;" class="body">
<tr><td align="center" style="padding:16px;">
<table role="presentation" class="wrap" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;padding:24px;">
<tr><td style="padding:24px 24px 0;">
  <h1 style="margin:0;font-family:Georgia,'Times New Roman',serif;font-size:28px;color:#18181b;">${e(c.siteName)}</h1>
  <p class="muted" style="margin:4px 0 0;color:#3f3f46;font-size:15px;">Your digest for ${e(c.dateLabel)}. Hello ${e(c.readerName)}, here is what is new in what you follow.</p>
</td></tr>
<tr><td style="padding:0 24px 24px;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0">${groups}</table></td></tr>
<tr><td class="muted" style="padding:16px 24px 24px;border-top:1px solid #d4d4d8;color:#3f3f46;font-size:13px;line-height:1.5;">
  You receive this because you chose a digest at <a class="link" href="${e(c.siteUrl)}" style="color:#1d4ed8;">${e(c.siteName)}</a>.
  <a class="link" href="${e(c.preferencesUrl)}" style="color:#1d4ed8;">Change what you receive</a> or
  <a class="link" href="${e(c.unsubscribeUrl)}" style="color:#1d4ed8;">unsubscribe</a>.
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`
}
