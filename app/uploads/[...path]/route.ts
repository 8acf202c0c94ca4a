import fs from 'node:fs/promises'
import path from 'node:path'
import { uploadsDir } from '@/services/media'

const types: Record<string, string> = {
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
}

// Uploaded renditions never change under a name (names carry a random part), so they cache forever.
export async function GET(_req: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const segments = (await params).path
  const file = path.resolve(uploadsDir, ...segments)
  const type = types[path.extname(file).toLowerCase()]
  if (!type || !file.startsWith(uploadsDir + path.sep)) return new Response('Not found', { status: 404 })
  try {
    const body = await fs.readFile(file)
    return new Response(body, {
      headers: {
        'Content-Type': type,
        'Content-Length': String(body.length),
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Content-Security-Policy': "default-src 'none'",
      },
    })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}
