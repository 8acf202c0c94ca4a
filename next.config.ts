import type { NextConfig } from 'next'

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
]

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The reader page cache serves precompressed copies (server/reader-handler.ts).
  compress: false,
  // WordPress permalinks end in a slash; the other form redirects permanently.
  trailingSlash: true,
  // forbidden() answers 403 when a signed-in role lacks a capability.
  experimental: {
    authInterrupts: true,
    // Image uploads go through a server action (15 MB files plus form overhead), and through the proxy.
    serverActions: { bodySizeLimit: '16mb' },
    proxyClientMaxBodySize: '16mb',
  },
  // wink's English model reads its data files from its package folder at load time.
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2', 'sharp', 'wink-nlp', 'wink-eng-lite-web-model'],
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }]
  },
}

export default nextConfig
