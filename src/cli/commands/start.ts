import { parseArgs } from 'node:util'
import type { Config } from '../../platform/config.js'
import type { WorkerRole } from '../../server/cluster.js'
import type { Command } from '../command.js'

export const startCommand: Command = {
  name: 'start',
  help: `Usage: depesza start [--demo]

Starts the HTTP server on HOST:PORT (default 127.0.0.1:3000), applying pending migrations first.

Options:
  --demo   fill an empty database with the Polish demo site (sections, authors,
           articles with photos, "O nas", "Kontakt"); does nothing when content exists

Environment: PORT, HOST, DEPESZA_DATA_DIR, DATABASE_URL, PUBLIC_URL, SMTP_URL, MAIL_FROM,
CONTACT_TO, LOG_LEVEL, WORKERS (server processes: a number or auto, one per CPU; default 1)
(see README.md).`,
  async run(args) {
    const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false } }, strict: true })
    const [{ loadConfig }, { randomBytes }, { leaveCluster, runPrimary, workerRole }] = await Promise.all([
      import('../../platform/config.js'),
      import('node:crypto'),
      import('../../server/cluster.js'),
    ])
    const config = loadConfig()
    const role = workerRole()
    if (!role && config.workers > 1) {
      // The primary of WORKERS=N only supervises; each worker runs this command again.
      return runPrimary({
        workers: config.workers,
        clusterId: `cluster-${randomBytes(6).toString('hex')}`,
        print: (line) => process.stdout.write(line + '\n'),
        log: (line) => process.stderr.write(line + '\n'),
      })
    }
    try {
      return await serve(config, values.demo, role)
    } finally {
      // The IPC channel would keep a worker alive after it stopped or failed.
      if (role) leaveCluster()
    }
  },
}

async function serve(config: Config, demo: boolean, role: WorkerRole | null): Promise<number> {
  // Loaded here, not at the top, so `depesza --help` stays instant.
  const [{ getRequestListener }, http, { serveFromCache }, { buildApplication }, { reportReady, siblingRelay }] = await Promise.all([
    import('@hono/node-server'),
    import('node:http'),
    import('../../cache/http-cache.js'),
    import('../../server/boot.js'),
    import('../../server/cluster.js'),
  ])
  const leader = role?.leader ?? true
  const application = await buildApplication(config, {
    // A restarted leader keeps the link printed at the start valid.
    ownerSetup: leader && !role?.restarted,
    ...(role ? { cluster: { id: role.clusterId, leader, relay: siblingRelay() } } : {}),
  })
  const { logger } = application.deps
  if (demo && leader) {
    const { seedDemo } = await import('../../demo/seed.js')
    if (await seedDemo(application.deps)) logger.info('demo content created')
  }
  // A cache hit is answered on the raw request, before Hono builds a Request object.
  const honoListener = getRequestListener(application.app.fetch)
  const cache = application.deps.pageCache
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    if (!cache || !serveFromCache(cache, req, res)) void honoListener(req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
    server.listen(config.port, config.host)
  }).catch((err: NodeJS.ErrnoException) => {
    throw new Error(
      err.code === 'EADDRINUSE' ? `port ${config.port} on ${config.host} is already in use (set PORT to another port)` : err.message,
    )
  })
  const lines: string[] = []
  if (leader) {
    lines.push(`Depesza is running at ${config.publicUrl}/${role ? ` (${config.workers} worker processes)` : ''}`)
    if (application.deps.setupToken) {
      lines.push(`Create the owner account (one-time link, valid 24 h): ${config.publicUrl}/admin/setup/${application.deps.setupToken}`)
    }
    // Timed jobs are claimed safely by any process, but one poller per server is enough.
    application.jobs.start()
    // Responsive variants of images uploaded elsewhere, left by a restart, or from before variants existed.
    application.deps.mediaVariants?.start()
  }
  // A worker's primary prints the lines once every worker listens.
  if (role) reportReady(lines)
  else process.stdout.write(lines.join('\n') + '\n')
  await new Promise<void>((resolve) => {
    let stopping = false
    const stop = () => {
      // Ctrl-C reaches a worker twice (from the terminal and from its primary).
      if (stopping) return
      stopping = true
      logger.info('shutting down')
      server.close(() => resolve())
      // Idle keep-alive connections must not hold the process open.
      ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await application.close()
  return 0
}
