import type { Metadata, Viewport } from 'next'
import localFont from 'next/font/local'
import { absoluteUrl } from '@/lib/urls'
import './globals.css'

const inter = localFont({
  src: './fonts/inter-latin-wght-normal.woff2',
  variable: '--font-inter',
  display: 'swap',
  weight: '100 900',
})

// Headlines: Georgia is missing on Linux and Android, so the serif ships with the site. The fallback
// is Times New Roman scaled to the same metrics, so the swap moves no text.
const sourceSerif = localFont({
  src: './fonts/source-serif-4-latin-wght-normal.woff2',
  variable: '--font-source-serif',
  display: 'swap',
  weight: '200 900',
  adjustFontFallback: 'Times New Roman',
})

export const metadata: Metadata = {
  metadataBase: new URL(absoluteUrl('/')),
  // Route handlers rather than icon files, so an uploaded logo becomes the icon (services/site-icon.ts).
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/icons/192.png', type: 'image/png', sizes: '192x192' },
    ],
    apple: [{ url: '/icons/apple-touch-icon.png', sizes: '180x180' }],
  },
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
}

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${inter.variable} ${sourceSerif.variable}`}>
      <body className="font-sans">{children}</body>
    </html>
  )
}
