import { expect, test } from '@playwright/test'
import fs from 'node:fs/promises'
import sharp from 'sharp'
import { admin, signIn } from './staff'

test('an admin uploads a photo that is stored stripped of metadata, refused junk, and picks it in the editor', async ({
  page,
}, testInfo) => {
  const alt = `Fishing boats moored at Port Aravind ${Date.now()}`
  const photo = testInfo.outputPath('harbour.jpg')
  await fs.writeFile(
    photo,
    await sharp({ create: { width: 1400, height: 900, channels: 3, background: '#2a6f97' } })
      .jpeg()
      .withExif({
        IFD0: { Artist: 'Secret Photographer' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '12/1 58/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '77/1 35/1 0/1',
        },
      })
      .toBuffer(),
  )
  const evil = testInfo.outputPath('evil.jpg')
  await fs.writeFile(evil, '<!doctype html><html><body><script>alert(document.domain)</script></body></html>')

  await signIn(page, admin.email, admin.password)
  await page.goto('/admin/media/')
  await page.getByLabel('Image file').setInputFiles(photo)
  await page.getByLabel('Alt text').fill(alt)
  await page.getByLabel('Caption').fill('Boats wait out the monsoon.')
  await page.getByLabel('Photo credit').fill('Gazette staff')
  await page.getByRole('button', { name: 'Upload' }).click()

  await page.waitForURL(/\/admin\/media\/\d+\/\?uploaded=1$/)
  const id = /\/admin\/media\/(\d+)\//.exec(page.url())![1]!
  await expect(page.getByRole('status')).toHaveText('Image uploaded.')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(alt)
  await expect(page.getByText('1400 × 900 px')).toBeVisible()
  await expect(page.getByLabel('Caption')).toHaveValue('Boats wait out the monsoon.')
  await expect(page.getByLabel('Photo credit')).toHaveValue('Gazette staff')

  const renditions = page.getByRole('list', { name: 'Renditions' }).getByRole('link')
  await expect(renditions).toHaveCount(4)
  for (const href of await renditions.evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) {
    expect(href).toMatch(/^\/uploads\/\d{4}\/\d{2}\/[a-z0-9-]+-\d+\.webp$/)
    const res = await page.request.get(href)
    expect(res.status()).toBe(200)
    expect(res.headers()['content-type']).toBe('image/webp')
    const body = await res.body()
    const meta = await sharp(body).metadata()
    expect(meta.format).toBe('webp')
    expect(meta.exif).toBeUndefined()
    expect(meta.xmp).toBeUndefined()
    expect(body.toString('latin1')).not.toContain('Secret Photographer')
  }

  // A text file dressed as a JPEG is refused with a message, never a server error, and the form keeps its text.
  const serverErrors: string[] = []
  page.on('response', (r) => {
    if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`)
  })
  await page.goto('/admin/media/')
  await page.getByLabel('Image file').setInputFiles(evil)
  await page.getByLabel('Alt text').fill('Not really a photo')
  await page.getByLabel('Caption').fill('Should never be stored')
  await page.getByRole('button', { name: 'Upload' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'not an image we can use' })).toBeVisible()
  expect(page.url()).toMatch(/\/admin\/media\/$/)
  await expect(page.getByLabel('Alt text')).toHaveValue('Not really a photo')
  await expect(page.getByLabel('Caption')).toHaveValue('Should never be stored')
  await expect(page.getByRole('button', { name: 'Upload' })).toBeEnabled()
  expect(serverErrors).toEqual([])
  await expect(page.getByRole('img', { name: 'Not really a photo' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: alt })).toBeVisible()

  await page.goto('/admin/articles/new/')
  const choice = page.getByRole('radiogroup', { name: 'Image' }).locator(`input[value="${id}"]`)
  await expect(choice).toHaveAccessibleName(alt)
  await choice.check()
  await expect(choice).toBeChecked()
})
