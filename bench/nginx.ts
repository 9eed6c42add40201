/**
 * @module
 * The ceiling: nginx serving the article's HTML as a static file, started from a temporary
 * prefix on its own loopback port (`daemon off`, `worker_processes 2`, no access log), and
 * stopped by PID.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { freePort, HOST, spawnNiced, waitUntilServing } from './http.js'
import { stopProcess } from './processes.js'

export const STATIC_PATH = '/article.html'

export interface Nginx {
  readonly url: string
  readonly pid: number
  readonly version: string | null
  /** The configuration used, for the record. */
  readonly config: string
  stop(): Promise<void>
}

export function nginxBinary(): string | null {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx']) if (fs.existsSync(p)) return p
  return null
}

export function nginxVersion(bin: string): string | null {
  // `nginx -v` prints to stderr.
  const r = spawnSync(bin, ['-v'], { encoding: 'utf8' })
  return /nginx\/(\S+)/.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`)?.[1] ?? null
}

export async function startNginx(bin: string, html: Buffer, tmpRoot: string, nice?: number): Promise<Nginx> {
  const prefix = fs.mkdtempSync(path.join(tmpRoot, 'nginx-'))
  const www = path.join(prefix, 'www')
  fs.mkdirSync(www)
  for (const d of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(prefix, d))
  fs.writeFileSync(path.join(www, STATIC_PATH.slice(1)), html)
  // Workers may run as an unprivileged user (when started as root): let them read the file.
  for (const p of [tmpRoot, prefix, www]) fs.chmodSync(p, 0o755)
  fs.chmodSync(path.join(www, STATIC_PATH.slice(1)), 0o644)
  const port = await freePort()
  const config = `daemon off;
worker_processes 2;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  open_file_cache max=64 inactive=60s;
  types { text/html html; }
  default_type application/octet-stream;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen ${HOST}:${port};
    root ${www};
    location / { }
  }
}
`
  const confFile = path.join(prefix, 'nginx.conf')
  fs.writeFileSync(confFile, config)
  const proc = spawnNiced('nginx', bin, ['-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', confFile], {}, nice)
  const url = `http://${HOST}:${port}${STATIC_PATH}`
  await waitUntilServing(proc, url, html, () => {
    const file = path.join(prefix, 'error.log')
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
  })
  return {
    url,
    pid: proc.pid,
    version: nginxVersion(bin),
    config,
    async stop() {
      // SIGTERM: fast shutdown of the master and its workers.
      await stopProcess(proc, 'SIGTERM', 5000)
      fs.rmSync(prefix, { recursive: true, force: true })
    },
  }
}
