import fs from 'node:fs'

// Writes a synthetic WordPress export of N posts (default 20 000), each with a few comments, for
// measuring the importer's memory and speed: `tsx bench/wxr-data.ts 20000 /tmp/big.xml`.
const n = Number(process.argv[2] ?? 20_000)
const out = process.argv[3] ?? 'bench/results/big.wordpress.xml'
const fd = fs.openSync(out, 'w')
const w = (s: string) => fs.writeSync(fd, s)
w(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://bench.example.org</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://bench.example.org</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>writer</wp:author_login><wp:author_email>writer@bench.example.org</wp:author_email><wp:author_display_name>Writer</wp:author_display_name></wp:author>
`)
for (let c = 1; c <= 20; c++)
  w(
    `<wp:category><wp:term_id>${c}</wp:term_id><wp:category_nicename>section-${c}</wp:category_nicename><wp:category_parent>${c > 5 ? `section-${c % 5 || 5}` : ''}</wp:category_parent><wp:cat_name>Section ${c}</wp:cat_name></wp:category>\n`,
  )
const para =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. '.repeat(6)
for (let i = 1; i <= n; i++) {
  const day = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
  const comments = [1, 2, 3]
    .map(
      (k) =>
        `<wp:comment><wp:comment_id>${i * 10 + k}</wp:comment_id><wp:comment_author>Reader ${k}</wp:comment_author><wp:comment_date_gmt>${day}</wp:comment_date_gmt><wp:comment_content><![CDATA[Comment ${k} on ${i}]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${k > 1 ? i * 10 + k - 1 : 0}</wp:comment_parent></wp:comment>`,
    )
    .join('')
  w(`<item><title>Story number ${i}</title><link>https://bench.example.org/?p=${i}</link><dc:creator>writer</dc:creator><guid isPermaLink="false">https://bench.example.org/?p=${i}</guid>
<content:encoded><![CDATA[<!-- wp:paragraph --><p>${para}</p><!-- /wp:paragraph -->\n\n${para}\n\n${para}\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n${para}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${i}</wp:post_id><wp:post_date>${day}</wp:post_date><wp:post_date_gmt>${day}</wp:post_date_gmt><wp:comment_status>open</wp:comment_status><wp:post_name>story-number-${i}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="section-${(i % 20) + 1}"><![CDATA[Section]]></category><category domain="post_tag" nicename="tag-${i % 300}"><![CDATA[Tag ${i % 300}]]></category>${comments}</item>\n`)
}
w('</channel></rss>\n')
fs.closeSync(fd)
console.log(`Wrote ${out}: ${(fs.statSync(out).size / 1024 / 1024).toFixed(1)} MB, ${n} posts`)
