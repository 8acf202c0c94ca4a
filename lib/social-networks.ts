/** The networks the site settings can link to, in the order the site shows them. */
export const socialNetworks = [
  'facebook',
  'x',
  'instagram',
  'linkedin',
  'youtube',
  'tiktok',
  'threads',
  'bluesky',
  'mastodon',
  'whatsapp',
  'telegram',
  'rss',
] as const

export type SocialNetwork = (typeof socialNetworks)[number]

export const socialNetworkNames: Record<SocialNetwork, string> = {
  facebook: 'Facebook',
  x: 'X',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  threads: 'Threads',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  whatsapp: 'WhatsApp channel',
  telegram: 'Telegram',
  rss: 'RSS feed',
}
