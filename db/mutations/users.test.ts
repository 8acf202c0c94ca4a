import { verify } from '@node-rs/argon2'
import { and, desc, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '../client'
import { migrateDatabase } from '../migrate'
import { auditLog, users, userTokens } from '../schema'
import { firstRow } from '../test-fixtures'
import { seedDatabase } from '@/services/seed/seed'
import {
  acceptInvite,
  addContributorProfile,
  changePassword,
  changeRole,
  findInvite,
  inviteUser,
  setUserStatus,
  updateProfile,
  UserMutationError,
} from './users'

let adminId: number

beforeAll(async () => {
  await migrateDatabase(db)
  await seedDatabase({ articles: 10, images: 1, adminPassword: 'admin-password-1' })
  adminId = (await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@example.com')))).id
})

const userRow = (id: number) => firstRow(db.select().from(users).where(eq(users.id, id)))
const lastAudit = (userId: number) =>
  firstRow(
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, userId)))
      .orderBy(desc(auditLog.id))
      .limit(1),
  )

async function expectCode(promise: Promise<unknown> | (() => unknown), code: string) {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    expect(error).toBeInstanceOf(UserMutationError)
    expect((error as UserMutationError).code).toBe(code)
    return
  }
  throw new Error(`expected ${code}`)
}

async function activeStaff(email: string, name: string, role: 'admin' | 'editor' | 'author', password: string) {
  const { userId, token } = await inviteUser({ email, name, role }, adminId)
  await acceptInvite(token, password)
  return userId
}

describe('invitations', () => {
  it('invites, accepts and lets the new password verify', async () => {
    const { userId, token } = await inviteUser(
      { email: ' Nadia.Unit@Example.com ', name: 'Nadia Rahman', role: 'author' },
      adminId,
    )
    expect(token).toMatch(/^[\w-]{43}$/)
    const invited = await userRow(userId)
    expect(invited).toMatchObject({ email: 'nadia.unit@example.com', status: 'invited', role: 'author' })
    expect(invited.passwordHash).toBeNull()
    expect(invited.slug).toBe('nadia-rahman')

    const stored = await db.select().from(userTokens).where(eq(userTokens.userId, userId))
    expect(stored).toHaveLength(1)
    expect(stored[0]!.tokenHash).not.toContain(token)
    expect(stored[0]!.purpose).toBe('invite')
    expect(await lastAudit(userId)).toMatchObject({ userId: adminId, action: 'invite:author' })

    expect(await findInvite(token)).toMatchObject({ userId, name: 'Nadia Rahman' })
    await acceptInvite(token, 'nadia-password-1')
    const active = await userRow(userId)
    expect(active.status).toBe('active')
    expect(await verify(active.passwordHash!, 'nadia-password-1')).toBe(true)
    expect(await verify(active.passwordHash!, 'wrong-password')).toBe(false)
    expect(await lastAudit(userId)).toMatchObject({ userId, action: 'accept-invite' })
    expect(JSON.stringify(await db.select().from(auditLog))).not.toContain('nadia-password-1')
  })

  it('gives a second person with the same name their own slug, and refuses a taken e-mail', async () => {
    const { userId } = await inviteUser(
      { email: 'nadia.two@example.com', name: 'Nadia Rahman', role: 'editor' },
      adminId,
    )
    expect((await userRow(userId)).slug).toBe('nadia-rahman-2')
    await expectCode(
      () => inviteUser({ email: 'NADIA.UNIT@example.com', name: 'Someone', role: 'author' }, adminId),
      'email-taken',
    )
  })

  it('uses a token once', async () => {
    const { token } = await inviteUser({ email: 'once@example.com', name: 'Once Only', role: 'contributor' }, adminId)
    await acceptInvite(token, 'first-password-1')
    expect(await findInvite(token)).toBeUndefined()
    await expectCode(acceptInvite(token, 'second-password-1'), 'invalid-token')
    await expectCode(acceptInvite('not-a-real-token', 'second-password-1'), 'invalid-token')
  })

  it('expires a token after seven days, and a re-invite voids the old link', async () => {
    const issued = new Date('2026-01-01T00:00:00Z')
    const { userId, token } = await inviteUser(
      { email: 'late@example.com', name: 'Late Comer', role: 'author' },
      adminId,
      issued,
    )
    const sixDays = new Date(issued.getTime() + 6 * 86_400_000)
    const eightDays = new Date(issued.getTime() + 8 * 86_400_000)
    expect(await findInvite(token, sixDays)).toBeDefined()
    await expectCode(acceptInvite(token, 'late-password-1', eightDays), 'invalid-token')
    expect((await userRow(userId)).status).toBe('invited')

    const again = await inviteUser({ email: 'late@example.com', name: 'Late Comer', role: 'editor' }, adminId)
    expect(again.userId).toBe(userId)
    expect(await findInvite(token, sixDays)).toBeUndefined()
    await acceptInvite(again.token, 'late-password-1')
    expect(await userRow(userId)).toMatchObject({ status: 'active', role: 'editor' })
  })

  it('does not let a deactivated invitee use their link', async () => {
    const { userId, token } = await inviteUser(
      { email: 'revoked@example.com', name: 'Revoked', role: 'author' },
      adminId,
    )
    await setUserStatus(userId, 'deactivated', adminId)
    await expectCode(acceptInvite(token, 'revoked-password-1'), 'invalid-token')
    // Never set a password, so reactivating leaves them invited, not able-to-sign-in-without-one.
    expect((await setUserStatus(userId, 'active', adminId)).status).toBe('invited')
  })
})

describe('roles and status', () => {
  it('never demotes or deactivates the last active admin', async () => {
    await expectCode(() => changeRole(adminId, 'editor', adminId), 'last-admin')
    await expectCode(() => setUserStatus(adminId, 'deactivated', adminId), 'last-admin')
    expect(await userRow(adminId)).toMatchObject({ role: 'admin', status: 'active' })

    const second = await activeStaff('second.admin@example.com', 'Second Admin', 'admin', 'second-password-1')
    await setUserStatus(second, 'deactivated', adminId)
    // A deactivated admin does not count.
    await expectCode(() => changeRole(adminId, 'editor', adminId), 'last-admin')
    await setUserStatus(second, 'active', adminId)
    await changeRole(second, 'editor', adminId)
    expect((await userRow(second)).role).toBe('editor')
    await expectCode(() => setUserStatus(adminId, 'deactivated', second), 'last-admin')
  })

  it('bumps sessionVersion on role and status changes, and audits them', async () => {
    const id = await activeStaff('bump@example.com', 'Bump Test', 'author', 'bump-password-1')
    const v0 = (await userRow(id)).sessionVersion
    await changeRole(id, 'editor', adminId)
    expect((await userRow(id)).sessionVersion).toBe(v0 + 1)
    expect(await lastAudit(id)).toMatchObject({ userId: adminId, action: 'role:author->editor' })
    expect((await changeRole(id, 'editor', adminId)).changed).toBe(false)
    expect((await userRow(id)).sessionVersion).toBe(v0 + 1)
    await setUserStatus(id, 'deactivated', adminId)
    expect(await userRow(id)).toMatchObject({ status: 'deactivated', sessionVersion: v0 + 2 })
    expect(await lastAudit(id)).toMatchObject({ action: 'status:active->deactivated' })
    await setUserStatus(id, 'active', adminId)
    expect(await userRow(id)).toMatchObject({ status: 'active', sessionVersion: v0 + 3 })
  })

  it('gives a promoted reader an author slug', async () => {
    const { id } = await firstRow(
      writerConnection()
        .insert(users)
        .values({ email: 'reader.promoted@example.com', name: 'Promoted Reader', role: 'reader' })
        .returning({ id: users.id }),
    )
    await changeRole(id, 'contributor', adminId)
    expect(await userRow(id)).toMatchObject({ role: 'contributor', slug: 'promoted-reader' })
  })

  it('reports an unknown user', async () => {
    await expectCode(() => changeRole(999_999, 'editor', adminId), 'not-found')
  })
})

describe('own profile and password', () => {
  it('updates profile fields', async () => {
    const id = await activeStaff('profile@example.com', 'Profile Test', 'author', 'profile-password-1')
    const slug = (await userRow(id)).slug
    await updateProfile(id, { name: 'Profile Renamed', bio: 'Covers the port.', jobTitle: 'Reporter', avatarId: null })
    expect(await userRow(id)).toMatchObject({
      name: 'Profile Renamed',
      bio: 'Covers the port.',
      jobTitle: 'Reporter',
      slug,
    })
    expect(await lastAudit(id)).toMatchObject({ userId: id, action: 'profile' })
    await expectCode(() => updateProfile(id, { name: 'X', bio: null, jobTitle: null, avatarId: 999_999 }), 'no-media')
  })

  it('changes a password only with the current one, and signs out everywhere', async () => {
    const id = await activeStaff('password@example.com', 'Password Test', 'author', 'old-password-1')
    const before = await userRow(id)
    await expectCode(changePassword(id, 'not-the-password', 'new-password-1'), 'wrong-password')
    expect((await userRow(id)).passwordHash).toBe(before.passwordHash)
    expect((await userRow(id)).sessionVersion).toBe(before.sessionVersion)

    await changePassword(id, 'old-password-1', 'new-password-1')
    const after = await userRow(id)
    expect(after.sessionVersion).toBe(before.sessionVersion + 1)
    expect(await verify(after.passwordHash!, 'new-password-1')).toBe(true)
    expect(await verify(after.passwordHash!, 'old-password-1')).toBe(false)
    expect(await lastAudit(id)).toMatchObject({ userId: id, action: 'password' })
    expect(JSON.stringify(await db.select().from(auditLog))).not.toMatch(/old-password-1|new-password-1/)
  })

  it('verifies the seeded admin password and refuses an invited user without one', async () => {
    await changePassword(adminId, 'admin-password-1', 'admin-password-2')
    const { userId } = await inviteUser({ email: 'nopass@example.com', name: 'No Pass', role: 'author' }, adminId)
    await expectCode(changePassword(userId, '', 'whatever-password'), 'wrong-password')
  })
})

describe('contributor profiles', () => {
  it('are bylines without a login: no password, no mailbox, and no status switch turns them into accounts', async () => {
    const id = await addContributorProfile({ name: 'Print Columnist', jobTitle: 'Columnist' }, adminId)
    const row = await userRow(id)
    expect(row).toMatchObject({ role: 'contributor', status: 'profile', passwordHash: null, slug: 'print-columnist' })
    expect(row.email).toMatch(/@profiles\.invalid$/)
    expect(await setUserStatus(id, 'active', adminId)).toEqual({ status: 'profile', changed: false })
    expect((await userRow(id)).status).toBe('profile')
    expect((await lastAudit(id)).action).toBe('profile:contributor')
    // A second person of the same name gets their own address and profile page.
    expect(
      (await userRow(await addContributorProfile({ name: 'Print Columnist', jobTitle: null }, adminId))).slug,
    ).toBe('print-columnist-2')
  })
})
