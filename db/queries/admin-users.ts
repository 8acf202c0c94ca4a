import 'server-only'
import { and, asc, count, desc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { db } from '../client'
import { articles, auditLog, media, users } from '../schema'

// Account management reads. None authorizes: the page or action calls requireStaff
// with the capability first. None is cached.

export async function listUsersAdmin({ page }: { page: number }, perPage = 50) {
  const total = (await db.select({ n: count() }).from(users))[0]?.n ?? 0
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      slug: users.slug,
      role: users.role,
      status: users.status,
      createdAt: users.createdAt,
      articleCount: sql<number>`(select count(*) from ${articles} where ${articles.authorId} = ${users.id})`.mapWith(
        Number,
      ),
    })
    .from(users)
    // Staff first: readers can run into thousands.
    .orderBy(sql`${users.role} = 'reader'`, asc(users.name), asc(users.id))
    .limit(perPage)
    .offset((page - 1) * perPage)
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / perPage)) }
}

export async function getUserAdmin(id: number) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      slug: users.slug,
      role: users.role,
      status: users.status,
      bio: users.bio,
      jobTitle: users.jobTitle,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1)
  return user
}

export async function listAuditLogAdmin({ page }: { page: number }, perPage = 50) {
  const subject = alias(users, 'subject')
  const total = (await db.select({ n: count() }).from(auditLog))[0]?.n ?? 0
  const rows = await db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      detail: auditLog.detail,
      actorName: users.name,
      subjectName: subject.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(subject, and(eq(auditLog.entityType, 'user'), eq(subject.id, auditLog.entityId)))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(perPage)
    .offset((page - 1) * perPage)
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / perPage)) }
}

/** The signed-in staff member's own profile, for any role: `user` is the one requireStaff returned. */
export async function getOwnProfile(user: { id: number }) {
  const [profile] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      slug: users.slug,
      role: users.role,
      bio: users.bio,
      jobTitle: users.jobTitle,
      avatarId: users.avatarId,
    })
    .from(users)
    .where(eq(users.id, user.id))
    .limit(1)
  if (!profile) throw new Error(`Signed-in user ${user.id} does not exist`)
  const avatars = await db
    .select({ id: media.id, alt: media.alt, originalName: media.originalName })
    .from(media)
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(60)
  // The current avatar stays selectable even when it has dropped out of the recent list.
  if (profile.avatarId && !avatars.some((m) => m.id === profile.avatarId)) {
    const [current] = await db
      .select({ id: media.id, alt: media.alt, originalName: media.originalName })
      .from(media)
      .where(eq(media.id, profile.avatarId))
      .limit(1)
    if (current) avatars.unshift(current)
  }
  return { ...profile, avatars }
}
