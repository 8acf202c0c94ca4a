import { SaxesParser, type SaxesTag } from 'saxes'

/** A problem with the export file itself; its message is safe to show. */
export class WxrError extends Error {
  override name = 'WxrError'
}

export type WxrSite = {
  title: string
  link: string
  description: string
  language: string
  wxrVersion: string
  baseSiteUrl: string
  baseBlogUrl: string
}

export type WxrAuthor = {
  id: number | null
  login: string
  email: string
  displayName: string
  firstName: string
  lastName: string
}

export type WxrTerm = {
  taxonomy: string
  id: number | null
  slug: string
  name: string
  /** Slug of the parent term, '' at the top. */
  parent: string
  description: string
}

export type WxrComment = {
  id: number
  author: string
  email: string
  url: string
  ip: string
  date: string
  dateGmt: string
  content: string
  approved: string
  type: string
  parent: number
  userId: number
}

export type WxrItem = {
  title: string
  link: string
  guid: string
  creator: string
  content: string
  excerpt: string
  id: number
  date: string
  dateGmt: string
  modified: string
  modifiedGmt: string
  commentStatus: string
  slug: string
  status: string
  parent: number
  menuOrder: number
  type: string
  password: string
  isSticky: boolean
  attachmentUrl: string
  terms: { domain: string; slug: string; name: string }[]
  meta: Map<string, string[]>
  comments: WxrComment[]
}

export type WxrEvent =
  | { kind: 'site'; site: WxrSite }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem }

type Node = { name: string; attributes: Record<string, string>; text: string; children: Node[] }

const recordNames = new Set(['item', 'wp:author', 'wp:category', 'wp:tag', 'wp:term'])

const child = (n: Node, name: string) => n.children.find((c) => c.name === name)
const text = (n: Node, name: string) => child(n, name)?.text.trim() ?? ''
const int = (n: Node, name: string) => {
  const v = Number.parseInt(text(n, name), 10)
  return Number.isFinite(v) ? v : 0
}

function toAuthor(n: Node): WxrAuthor {
  const id = Number.parseInt(text(n, 'wp:author_id'), 10)
  return {
    id: Number.isFinite(id) ? id : null,
    login: text(n, 'wp:author_login'),
    email: text(n, 'wp:author_email'),
    displayName: text(n, 'wp:author_display_name'),
    firstName: text(n, 'wp:author_first_name'),
    lastName: text(n, 'wp:author_last_name'),
  }
}

function toTerm(n: Node): WxrTerm {
  const id = Number.parseInt(text(n, 'wp:term_id'), 10)
  const base = { id: Number.isFinite(id) ? id : null }
  if (n.name === 'wp:category')
    return {
      ...base,
      taxonomy: 'category',
      slug: text(n, 'wp:category_nicename'),
      name: text(n, 'wp:cat_name'),
      parent: text(n, 'wp:category_parent'),
      description: text(n, 'wp:category_description'),
    }
  if (n.name === 'wp:tag')
    return {
      ...base,
      taxonomy: 'post_tag',
      slug: text(n, 'wp:tag_slug'),
      name: text(n, 'wp:tag_name'),
      parent: '',
      description: text(n, 'wp:tag_description'),
    }
  return {
    ...base,
    taxonomy: text(n, 'wp:term_taxonomy'),
    slug: text(n, 'wp:term_slug'),
    name: text(n, 'wp:term_name'),
    parent: text(n, 'wp:term_parent'),
    description: text(n, 'wp:term_description'),
  }
}

function toItem(n: Node): WxrItem {
  const meta = new Map<string, string[]>()
  for (const m of n.children.filter((c) => c.name === 'wp:postmeta')) {
    const key = text(m, 'wp:meta_key')
    meta.set(key, [...(meta.get(key) ?? []), child(m, 'wp:meta_value')?.text ?? ''])
  }
  return {
    title: child(n, 'title')?.text ?? '',
    link: text(n, 'link'),
    guid: text(n, 'guid'),
    creator: text(n, 'dc:creator'),
    content: child(n, 'content:encoded')?.text ?? '',
    excerpt: child(n, 'excerpt:encoded')?.text ?? '',
    id: int(n, 'wp:post_id'),
    date: text(n, 'wp:post_date'),
    dateGmt: text(n, 'wp:post_date_gmt'),
    modified: text(n, 'wp:post_modified'),
    modifiedGmt: text(n, 'wp:post_modified_gmt'),
    commentStatus: text(n, 'wp:comment_status'),
    slug: text(n, 'wp:post_name'),
    status: text(n, 'wp:status'),
    parent: int(n, 'wp:post_parent'),
    menuOrder: int(n, 'wp:menu_order'),
    type: text(n, 'wp:post_type'),
    password: text(n, 'wp:post_password'),
    isSticky: text(n, 'wp:is_sticky') === '1',
    attachmentUrl: text(n, 'wp:attachment_url'),
    terms: n.children
      .filter((c) => c.name === 'category')
      .map((c) => ({ domain: c.attributes.domain ?? '', slug: c.attributes.nicename ?? '', name: c.text.trim() })),
    meta,
    comments: n.children
      .filter((c) => c.name === 'wp:comment')
      .map((c) => ({
        id: int(c, 'wp:comment_id'),
        author: text(c, 'wp:comment_author'),
        email: text(c, 'wp:comment_author_email'),
        url: text(c, 'wp:comment_author_url'),
        ip: text(c, 'wp:comment_author_IP'),
        date: text(c, 'wp:comment_date'),
        dateGmt: text(c, 'wp:comment_date_gmt'),
        content: child(c, 'wp:comment_content')?.text ?? '',
        approved: text(c, 'wp:comment_approved'),
        type: text(c, 'wp:comment_type'),
        parent: int(c, 'wp:comment_parent'),
        userId: int(c, 'wp:comment_user_id'),
      })),
  }
}

const siteFields: Record<string, keyof WxrSite> = {
  title: 'title',
  link: 'link',
  description: 'description',
  language: 'language',
  'wp:wxr_version': 'wxrVersion',
  'wp:base_site_url': 'baseSiteUrl',
  'wp:base_blog_url': 'baseBlogUrl',
}

/**
 * Reads a WordPress export one record at a time: the site first (emitted before the first author,
 * term or item), then authors, terms and items in file order. Memory holds one item, never the file.
 * A DOCTYPE (the only way to declare entities, hence entity bombs) is refused, never expanded.
 */
export async function* readWxr(
  chunks: AsyncIterable<Buffer | string>,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<WxrEvent> {
  // Positions cost little and let a broken export be fixed at the line the error names.
  const parser = new SaxesParser({ position: true })
  const queue: WxrEvent[] = []
  const stack: Node[] = []
  let depth = 0
  let record: Node | null = null
  let recordDepth = 0
  let sawRss = false
  let siteSent = false
  const site: WxrSite = {
    title: '',
    link: '',
    description: '',
    language: '',
    wxrVersion: '',
    baseSiteUrl: '',
    baseBlogUrl: '',
  }
  const sendSite = () => {
    if (siteSent) return
    siteSent = true
    if (!sawRss) throw new WxrError('This is not a WordPress export: it has no <rss><channel>.')
    queue.push({ kind: 'site', site: { ...site } })
  }
  let failure: Error | null = null

  parser.on('doctype', () => {
    throw new WxrError(
      'The file declares a DOCTYPE (XML entities). A WordPress export never does; the file was refused unread, as entity declarations can expand without bound.',
    )
  })
  parser.on('opentag', (tag: SaxesTag) => {
    depth++
    if (depth === 1 && tag.name === 'rss') sawRss = true
    const node: Node = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '', children: [] }
    if (!record && recordNames.has(tag.name) && depth === 3) {
      sendSite()
      record = node
      recordDepth = depth
    } else if (record) stack.at(-1)!.children.push(node)
    stack.push(node)
  })
  const addText = (t: string) => {
    const top = stack.at(-1)
    if (top) top.text += t
  }
  parser.on('text', addText)
  parser.on('cdata', addText)
  parser.on('closetag', () => {
    const node = stack.pop()!
    if (record && depth === recordDepth) {
      const r = record as Node
      record = null
      if (r.name === 'item') queue.push({ kind: 'item', item: toItem(r) })
      else if (r.name === 'wp:author') queue.push({ kind: 'author', author: toAuthor(r) })
      else queue.push({ kind: 'term', term: toTerm(r) })
    } else if (!record && depth === 3 && node.name in siteFields) {
      site[siteFields[node.name]!] = node.text.trim()
    }
    depth--
  })
  let faultAt: number | undefined
  parser.on('error', (e) => {
    failure ??= e
    faultAt ??= queue.length
  })

  // Records completed before a fault are still given out, then the fault: a long export that
  // breaks near its end keeps what came before it, in whatever chunk the fault arrived.
  let complete = Infinity
  const write = (chunk: string | null) => {
    try {
      if (chunk === null) parser.close()
      else parser.write(chunk)
    } catch (e) {
      failure ??= e as Error
    }
    if (failure) complete = Math.min(complete, faultAt ?? queue.length)
  }
  const fault = () => {
    const at = /^(\d+):(\d+): ([\s\S]*)$/.exec(failure!.message)
    return new WxrError(
      failure instanceof WxrError
        ? failure.message
        : at
          ? `The export is not well-formed XML at line ${at[1]}, column ${at[2]}: ${at[3]}`
          : `The export is not well-formed XML: ${failure!.message}`,
    )
  }

  const decoder = new TextDecoder('utf-8')
  for await (const chunk of chunks) {
    onBytes?.(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length)
    write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))
    if (failure) {
      yield* queue.splice(0, complete)
      throw fault()
    }
    yield* queue.splice(0)
  }
  write(decoder.decode())
  write(null)
  if (failure) {
    yield* queue.splice(0, complete)
    throw fault()
  }
  sendSite()
  yield* queue.splice(0)
}
