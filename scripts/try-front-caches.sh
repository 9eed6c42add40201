#!/usr/bin/env bash
# Tries the sample front-cache configurations in docs/deployment/ against a real Depesza:
# nginx (docs/deployment/nginx.conf) and Varnish (docs/deployment/varnish.vcl), on loopback
# ports, with a demo site in a temporary data directory. Needs Debian's nginx-light and
# varnish. Prints what it checked; exits non-zero on the first failure.
set -euo pipefail
[ "${DEBUG:-}" ] && set -x
cd "$(dirname "$0")/.."
work=$(mktemp -d)
chmod 755 "$work"  # nginx and varnish workers run as their own users
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

app=13080 ng=13081 vn=13082
PORT=$app DEPESZA_DATA_DIR="$work/data" LOG_LEVEL=warn PURGE_URL="http://127.0.0.1:$vn/" node bin/depesza.js start --demo >"$work/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$app/healthz" >/dev/null && break; sleep 0.1; done

# nginx: the sample config with our ports and data directory.
mkdir -p "$work/nginx"
sed -e "s#127.0.0.1:3000#127.0.0.1:$app#" -e "s#listen 80;#listen 127.0.0.1:$ng;#" -e "s#/var/lib/depesza/media/#$work/data/media/#" \
  docs/deployment/nginx.conf >"$work/nginx/site.conf"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log;
events {} http { access_log off; include /etc/nginx/mime.types; include $work/nginx/site.conf; }
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)

# Varnish: the sample VCL with our backend port.
sed -e "s#\"3000\"#\"$app\"#" docs/deployment/varnish.vcl >"$work/varnish.vcl"
varnishd -F -a "127.0.0.1:$vn" -f "$work/varnish.vcl" -n "$work/varnish" -s malloc,64m >"$work/varnish.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$vn/healthz" && break; sleep 0.2; done

# check DESCRIPTION COMMAND…: runs the command, stops the script when it fails.
check() { local what=$1; shift; if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; tail -n 20 "$work"/*.log "$work"/nginx/error.log 2>/dev/null; exit 1; fi; }
headers() { curl -sI "$1"; }
article=$(curl -s "http://127.0.0.1:$app/" | grep -o 'href="/[a-z-]*/[a-z0-9-]*"' | head -n1 | cut -d'"' -f2)
[ -n "$article" ] || { echo "no article link on the home page"; exit 1; }

check "nginx proxies $article" test "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ng$article")" = 200
media=$(curl -s "http://127.0.0.1:$app$article" | grep -o '/media/[^"]*\.jpg' | head -n1)
check "nginx serves $media from disk, immutable" grep -qi 'cache-control: public, max-age=31536000, immutable' <(headers "http://127.0.0.1:$ng$media")

curl -s -o /dev/null "http://127.0.0.1:$vn$article"
check "varnish caches the article (tracking parameters ignored)" grep -qi 'x-cache: HIT' <(headers "http://127.0.0.1:$vn$article?utm_source=x")
check "surrogate keys do not reach readers" test -z "$(headers "http://127.0.0.1:$vn$article" | grep -i surrogate-key)"
key=$(headers "http://127.0.0.1:$app$article" | grep -i '^surrogate-key:' | grep -o 'article:[0-9]*' | head -n1)
check "PURGE with Depesza's regex bans $key" grep -q Banned <(curl -s -X PURGE -H "X-Purge-Regex: \\b($key)\\b" "http://127.0.0.1:$vn/")
check "the purged article is fetched again" grep -qi 'x-cache: MISS' <(headers "http://127.0.0.1:$vn$article")
echo "all front-cache checks passed"
