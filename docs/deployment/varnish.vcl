# Varnish 7 in front of Depesza (tried with Debian's varnish 7.1: scripts/try-front-caches.sh).
# Depesza sends `Surrogate-Key` on every cacheable page and, with PURGE_URL pointing here,
# a PURGE request with `X-Purge-Regex` on every write: we ban the matching objects.
vcl 4.1;

backend depesza {
  .host = "127.0.0.1";
  .port = "3000";
}

acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_recv {
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(405, "Not allowed"));
    }
    if (!req.http.X-Purge-Regex) {
      return (synth(400, "X-Purge-Regex missing"));
    }
    ban("obj.http.Surrogate-Key ~ " + req.http.X-Purge-Regex);
    return (synth(200, "Banned"));
  }
  # Staff (signed in) and the newsroom are never cached.
  if (req.url ~ "^/admin" || req.http.Cookie ~ "depesza_session=") {
    return (pass);
  }
  # Readers carry no cookies that matter: drop them so pages are shared.
  unset req.http.Cookie;
  # Tracking parameters do not change a page.
  set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid)=[^&]*&?", "");
  set req.url = regsub(req.url, "[?&]$", "");
}

sub vcl_backend_response {
  # Depesza's s-maxage and stale-while-revalidate set TTL and grace; keep objects a day
  # for stale-if-error.
  set beresp.keep = 1d;
}

sub vcl_deliver {
  # The keys are for us, not for readers.
  unset resp.http.Surrogate-Key;
  unset resp.http.Cache-Tag;
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
}
