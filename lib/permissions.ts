export const roles = ['admin', 'editor', 'author', 'contributor', 'reader'] as const
export type Role = (typeof roles)[number]

/**
 * What each staff role may do. The single source of truth for docs/roles.md, the admin UI and,
 * above all, the server: every admin page, query and action checks one of these.
 */
export const capabilities = {
  'admin.access': ['admin', 'editor', 'author', 'contributor'],
  'articles.create': ['admin', 'editor', 'author', 'contributor'],
  'articles.publishOwn': ['admin', 'editor', 'author'],
  'articles.editOthers': ['admin', 'editor'],
  'articles.publishOthers': ['admin', 'editor'],
  'articles.delete': ['admin', 'editor'],
  'media.upload': ['admin', 'editor', 'author'],
  'comments.moderate': ['admin', 'editor'],
  'taxonomy.manage': ['admin', 'editor'],
  'pages.manage': ['admin', 'editor'],
  'digests.manage': ['admin', 'editor'],
  'settings.manage': ['admin'],
  'users.manage': ['admin'],
  'site.import': ['admin'],
} as const satisfies Record<string, readonly Role[]>

export type Capability = keyof typeof capabilities

export function can(role: Role | undefined, capability: Capability) {
  return !!role && (capabilities[capability] as readonly Role[]).includes(role)
}

export type Actor = { id: number; role: Role }

/** Contributors and authors work on their own articles; editors and admins on anyone's. */
export function canEditArticle(actor: Actor, article: { authorId: number; status: string }) {
  if (can(actor.role, 'articles.editOthers')) return true
  if (article.authorId !== actor.id) return false
  // A contributor's submitted or published piece is in the editors' hands until sent back.
  if (actor.role === 'contributor') return article.status === 'draft'
  return can(actor.role, 'articles.create')
}

export function canPublishArticle(actor: Actor, article: { authorId: number }) {
  if (can(actor.role, 'articles.publishOthers')) return true
  return article.authorId === actor.id && can(actor.role, 'articles.publishOwn')
}
