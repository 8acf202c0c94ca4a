/**
 * Campaign tags and click ids that newsletters, social networks and ad platforms add to shared
 * links. They never change a page, so a reader arriving from a share is served the page everyone
 * else gets, from the cache, instead of a render and a cache entry of their own per campaign.
 * docs/varnish/gazette.vcl strips the same names.
 */
const trackingName =
  /^(?:utm_[a-z_]+|fbclid|gclid|gbraid|wbraid|dclid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok)$/i

/**
 * The address without those parameters, the rest of it byte for byte (names, order, encoding):
 * it is the page cache's key and what Next renders. URLSearchParams would re-encode the rest.
 */
export function withoutTrackingParams(url: string) {
  const query = url.indexOf('?')
  if (query === -1) return url
  const params = url.slice(query + 1).split('&')
  const kept = params.filter((param) => {
    const equals = param.indexOf('=')
    return !trackingName.test(equals === -1 ? param : param.slice(0, equals))
  })
  if (kept.length === params.length) return url
  return kept.length ? `${url.slice(0, query)}?${kept.join('&')}` : url.slice(0, query)
}
