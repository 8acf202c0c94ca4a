import { hash, verify } from '@node-rs/argon2'
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm'
import { createHash, randomBytes } from 'node:crypto'
import { slugify } from '@/lib/slug'
import { db, transaction } from '../client'
import { auditLog, media, type Role, users, userTokens } from '../schema'

export type StaffRole = Exclude<Role, 'reader'>

export type UserErrorCode = 'email-taken' | 'invalid-token' | 'last-admin' | 'not-found' | 'wrong-password' | 'no-media'

export class UserMutationError extends Error {
  constructor(readonly code: UserErrorCode) {
    super(code)
  }
}

const inviteLifetimeMs = 7 * 24 * 60 * 60 * 1000

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

async function uniqueUserSlug(name: string) {
  const base = slugify(name, 60) || 'staff'
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`
    const taken = await db.select({ id: users.id }).from(users).where(eq(users.slug, slug)).limit(1)
    if (taken.length === 0) return slug
  }
}

async function audit(actorId: number | null, action: string, userId: number, detail: string, now: Date) {
  await db
    .insert(auditLog)
    .values({ userId: actorId, action, entityType: 'user', entityId: userId, detail, createdAt: now })
}

async function requireUser(userId: number) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      slug: users.slug,
      role: users.role,
      status: users.status,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1)
  if (!user) throw new UserMutationError('not-found')
  return user
}

/** Refuses any change that would leave the site without an active admin to manage it. */
async function guardLastAdmin(user: { role: Role; status: string }) {
  if (user.role !== 'admin' || user.status !== 'active') return
  const [admins] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.status, 'active')))
  if ((admins?.n ?? 0) <= 1) throw new UserMutationError('last-admin')
}

/**
 * Creates an invited staff account and a 7-day invite token. Returns the raw token: only its
 * SHA-256 is stored, so this is the one chance to show or send it. Inviting an address that is
 * still only invited issues a fresh token and voids the old ones.
 */
export async function inviteUser(
  input: { email: string; name: string; role: StaffRole },
  actorId: number,
  now = new Date(),
) {
  const email = input.email.trim().toLowerCase()
  const token = randomBytes(32).toString('base64url')
  return transaction(async () => {
    const [existing] = await db
      .select({ id: users.id, status: users.status })
      .from(users)
      .where(eq(users.email, email))
      .limit(1)
    if (existing && existing.status !== 'invited') throw new UserMutationError('email-taken')
    let userId: number
    if (existing) {
      userId = existing.id
      await db.update(users).set({ name: input.name, role: input.role, updatedAt: now }).where(eq(users.id, userId))
      await db
        .delete(userTokens)
        .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, 'invite'), isNull(userTokens.usedAt)))
    } else {
      const [row] = await db
        .insert(users)
        .values({
          email,
          name: input.name,
          slug: await uniqueUserSlug(input.name),
          role: input.role,
          status: 'invited',
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: users.id })
      userId = row!.id
    }
    await db.insert(userTokens).values({
      userId,
      purpose: 'invite',
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + inviteLifetimeMs),
      createdAt: now,
    })
    await audit(actorId, existing ? `reinvite:${input.role}` : `invite:${input.role}`, userId, email, now)
    return { userId, token }
  })
}

/**
 * A byline for staff who never sign in (a freelancer, a print columnist): a contributor with no
 * password and the 'profile' status, which no sign-in accepts. Its address is a unique
 * placeholder under the reserved .invalid domain, so no mail can reach it and no one can claim it.
 */
export async function addContributorProfile(
  input: { name: string; jobTitle: string | null },
  actorId: number,
  now = new Date(),
) {
  return transaction(async () => {
    const slug = await uniqueUserSlug(input.name)
    const email = `${slug}@profiles.invalid`
    const [row] = await db
      .insert(users)
      .values({
        email,
        name: input.name,
        slug,
        jobTitle: input.jobTitle,
        role: 'contributor',
        status: 'profile',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id })
    const userId = row!.id
    await audit(actorId, 'profile:contributor', userId, input.name, now)
    return userId
  })
}

/** The pending invitation a token belongs to, or undefined when it is unknown, used, expired or revoked. */
export async function findInvite(token: string, now = new Date()) {
  const [invite] = await db
    .select({ tokenId: userTokens.id, userId: users.id, name: users.name, email: users.email })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, 'invite'),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
        eq(users.status, 'invited'),
      ),
    )
    .limit(1)
  return invite
}

/** Sets the invited user's password and activates the account; the token works once. */
export async function acceptInvite(token: string, password: string, now = new Date()) {
  if (!(await findInvite(token, now))) throw new UserMutationError('invalid-token')
  // Hashing is slow and must not hold the write lock, so it happens first.
  const passwordHash = await hash(password)
  return transaction(async () => {
    const invite = await findInvite(token, now)
    if (!invite) throw new UserMutationError('invalid-token')
    await db.update(userTokens).set({ usedAt: now }).where(eq(userTokens.id, invite.tokenId))
    await db.update(users).set({ passwordHash, status: 'active', updatedAt: now }).where(eq(users.id, invite.userId))
    await audit(invite.userId, 'accept-invite', invite.userId, invite.email, now)
    return { userId: invite.userId, email: invite.email }
  })
}

/** Changes a role and signs the user out everywhere, so the new role applies from their next sign-in. */
export async function changeRole(userId: number, role: Role, actorId: number, now = new Date()) {
  return transaction(async () => {
    const user = await requireUser(userId)
    if (user.role === role) return { changed: false }
    if (role !== 'admin') await guardLastAdmin(user)
    await db
      .update(users)
      .set({
        role,
        // A reader promoted to staff needs an author page.
        slug: user.slug ?? (role === 'reader' ? null : await uniqueUserSlug(user.name)),
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: now,
      })
      .where(eq(users.id, userId))
    await audit(actorId, `role:${user.role}->${role}`, userId, user.email, now)
    return { changed: true }
  })
}

/**
 * Deactivates or reactivates an account. Reactivating someone who never set a password puts them
 * back to "invited" rather than "active", since they still cannot sign in.
 */
export async function setUserStatus(
  userId: number,
  status: 'active' | 'deactivated',
  actorId: number,
  now = new Date(),
) {
  return transaction(async () => {
    const user = await requireUser(userId)
    // A contributor profile has no login to switch on or off.
    if (user.status === 'profile') return { status: user.status, changed: false }
    const next = status === 'active' && !user.passwordHash ? 'invited' : status
    if (user.status === next) return { status: next, changed: false }
    if (next === 'deactivated') await guardLastAdmin(user)
    await db
      .update(users)
      .set({ status: next, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(eq(users.id, userId))
    await audit(actorId, `status:${user.status}->${next}`, userId, user.email, now)
    return { status: next, changed: true }
  })
}

export type ProfileFields = { name: string; bio: string | null; jobTitle: string | null; avatarId: number | null }

export async function updateProfile(userId: number, fields: ProfileFields, now = new Date()) {
  return transaction(async () => {
    const user = await requireUser(userId)
    if (
      fields.avatarId !== null &&
      (await db.select({ id: media.id }).from(media).where(eq(media.id, fields.avatarId)).limit(1)).length === 0
    )
      throw new UserMutationError('no-media')
    await db
      .update(users)
      .set({ ...fields, updatedAt: now })
      .where(eq(users.id, userId))
    await audit(userId, 'profile', userId, user.email, now)
  })
}

/** Replaces the password after checking the current one, and signs the user out everywhere. */
export async function changePassword(userId: number, currentPassword: string, newPassword: string, now = new Date()) {
  const { passwordHash: before } = await requireUser(userId)
  const valid = before ? await verify(before, currentPassword).catch(() => false) : false
  if (!valid) throw new UserMutationError('wrong-password')
  const passwordHash = await hash(newPassword)
  await transaction(async () => {
    const user = await requireUser(userId)
    // Another request changed it while we were hashing: the checked password is no longer current.
    if (user.passwordHash !== before) throw new UserMutationError('wrong-password')
    await db
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(eq(users.id, userId))
    await audit(userId, 'password', userId, user.email, now)
  })
}
