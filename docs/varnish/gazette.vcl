vcl 4.1;
# Varnish 7.1 (Debian `varnish`) with the xkey vmod (`varnish-modules`) in front of Gazette:
# it keeps the anonymous reader pages Gazette marks `public, s-maxage=…`, each under the tags its
# `xkey` header names, and drops them when Gazette sends `PURGE` with `xkey-purge: tag1 tag2`.
# See docs/scaling.md ("A shared HTTP cache"). Set the backend(s) and the purgers ACL below.

import xkey;

# One Gazette host; with several, declare each and put them in a directors.round_robin().
backend gazette {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Where Gazette's servers send purges from (the hosts in front of which CACHE_PURGE_URLS points here).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header required"));
        }
        # A hard purge: a correction must not be served again, even once while the page is refetched.
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The back office, reader accounts, sign-in, forms and Next's own requests are never shared.
    if (req.url ~ "^/(admin|api|account|signin|signup|reset|verify|comments)(/|$)"
        || req.http.RSC || req.http.Next-Action || req.http.Next-Router-State-Tree) {
        return (pass);
    }
    # Campaign tags and click ids on shared links change nothing on a page (Gazette drops the same
    # names, lib/tracking-params.ts): without them, a reader from a newsletter gets everyone's copy.
    if (req.url ~ "(?i)[?&](utm_[a-z_]+|fbclid|gclid|gbraid|wbraid|dclid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok)(=|&|$)") {
        set req.url = regsuball(req.url, "(?i)(?<=[?&])(utm_[a-z_]+|fbclid|gclid|gbraid|wbraid|dclid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok)(=[^&]*)?(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    # A signed-in reader (Auth.js splits a large session into .0, .1, …) gets their own page:
    # their name and saves are put in per request by Gazette, so it never comes from here.
    if (req.http.Cookie ~ "(^|;\s*)(__Secure-)?authjs\.session-token(\.\d+)?=") {
        return (pass);
    }
    # Every other cookie (analytics, consent, Auth.js's own csrf and callback cookies) means nothing
    # to a reader page: without them, every anonymous reader shares one copy.
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    return (lookup);
}

sub vcl_backend_response {
    # Only what Gazette marks public is kept (anonymous reader pages, feeds, sitemaps, uploads);
    # its private answers (signed-in readers, the back office, errors, responses setting a cookie)
    # pass, and are remembered as such for a short while only.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 10s;
        return (deliver);
    }
    # Reader pages come gzipped from Gazette (Varnish asks for gzip only); feeds and sitemaps may
    # not: keep every text answer gzipped.
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|feed\+json))") {
        set beresp.do_gzip = true;
    }
    # Varnish reads stale-while-revalidate as grace; keep lets a refetch revalidate with the ETag.
    set beresp.keep = 1h;
    return (deliver);
}

sub vcl_deliver {
    # Tags are for this cache only; X-Cache says what this cache did, not Gazette's own cache.
    unset resp.http.xkey;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    return (deliver);
}
