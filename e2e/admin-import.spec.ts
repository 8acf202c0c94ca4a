import { expect, test } from '@playwright/test'
import fs from 'node:fs/promises'
import { admin, ensureStaff, signIn } from './staff'

const wxr = (title: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>Upload test</title><link>https://upload.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://upload.example.org</wp:base_blog_url>
<item><title>${title}</title><link>https://upload.example.org/?p=5</link>
<content:encoded><![CDATA[First line.

[caption]<img src="https://upload.example.org/wp-content/uploads/x.jpg" alt="X"> Caption[/caption]]]></content:encoded>
<wp:post_id>5</wp:post_id><wp:post_date>2024-02-01 10:00:00</wp:post_date><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>
<wp:post_name>upload-draft</wp:post_name><wp:status>draft</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>Menu</title><wp:post_id>6</wp:post_id><wp:status>publish</wp:status><wp:post_type>nav_menu_item</wp:post_type></item>
</channel></rss>`

test('an admin imports a WordPress export, follows it to the end and downloads the exports', async ({
  page,
}, testInfo) => {
  const title = `Imported draft ${Date.now()}`
  const file = testInfo.outputPath('export.xml')
  await fs.writeFile(file, wxr(title))
  const bomb = testInfo.outputPath('bomb.xml')
  await fs.writeFile(
    bomb,
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss><channel>&b;</channel></rss>',
  )

  await signIn(page, admin.email, admin.password)
  await page.goto('/admin/import/')
  await page.getByLabel('WordPress export file').setInputFiles(file)
  await page.getByLabel('Pingbacks and trackbacks').selectOption('hold')
  await page.getByRole('button', { name: 'Import' }).click()
  await page.waitForURL(/\/admin\/import\/\?run=\d+$/)
  await expect(page.getByRole('status')).toContainText('Finished: upload.example.org', { timeout: 20_000 })
  await expect(page.getByRole('row', { name: /posts/ })).toContainText('1')
  await page.getByText(/Skipped or changed/).click()
  await expect(page.getByText('post type "nav_menu_item" is not imported')).toBeVisible()

  await page.getByLabel('WordPress export file').setInputFiles(bomb)
  await page.getByRole('button', { name: 'Import' }).click()
  await expect(page.getByRole('status')).toContainText('Stopped: The file declares a DOCTYPE', { timeout: 20_000 })

  const xml = await page.request.get('/admin/import/wordpress.xml')
  expect(xml.status()).toBe(200)
  expect(xml.headers()['content-disposition']).toMatch(/attachment; filename="gazette-.*\.wordpress\.xml"/)
  const body = await xml.text()
  expect(body).toContain('<wp:wxr_version>1.2</wp:wxr_version>')
  expect(body).toContain(title)
  const json = await page.request.get('/admin/import/gazette.json')
  const dump = await json.json()
  expect(dump.articles.some((a: { title: string }) => a.title === title)).toBe(true)
  expect(JSON.stringify(dump)).not.toContain('$argon2')
})

test('an editor can neither import nor export the site', async ({ page }) => {
  const editor = await ensureStaff('editor', 'import-editor@example.com', 'import-editor-password')
  await signIn(page, editor.email, editor.password)
  expect((await page.goto('/admin/import/'))?.status()).toBe(403)
  expect((await page.request.get('/admin/import/wordpress.xml')).status()).toBe(403)
  expect((await page.request.get('/admin/import/gazette.json')).status()).toBe(403)
  await expect(
    page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Import & export' }),
  ).toHaveCount(0)
})
