import { parseArgs } from 'node:util'
import type { Command } from '../command.js'

export const startCommand: Command = {
  name: 'start',
  help: `Usage: depesza start [--demo]

Starts the HTTP server on HOST:PORT (default 127.0.0.1:3000), applying pending migrations first.

Options:
  --demo   fill an empty database with the Polish demo site (sections, authors,
           articles with photos, "O nas", "Kontakt"); does nothing when content exists

Environment: PORT, HOST, DEPESZA_DATA_DIR, DATABASE_URL, PUBLIC_URL, SMTP_URL, MAIL_FROM,
CONTACT_TO, LOG_LEVEL (see README.md).`,
  async run(args) {
    const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false } }, strict: true })
    // Loaded here, not at the top, so `depesza --help` stays instant.
    const [{ getRequestListener }, http, { serveFromCache }, { loadConfig }, { buildApplication }] = await Promise.all([
      import('@hono/node-server'),
      import('node:http'),
      import('../../cache/http-cache.js'),
      import('../../platform/config.js'),
      import('../../server/boot.js'),
    ])
    const config = loadConfig()
    const application = await buildApplication(config)
    const { logger } = application.deps
    if (values.demo) {
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
    const lines = [`Depesza is running at ${config.publicUrl}/`]
    if (application.deps.setupToken) {
      lines.push(`Create the owner account (one-time link, valid 24 h): ${config.publicUrl}/admin/setup/${application.deps.setupToken}`)
    }
    process.stdout.write(lines.join('\n') + '\n')
    application.jobs.start()
    // Responsive variants of images uploaded elsewhere, left by a restart, or from before variants existed.
    application.deps.mediaVariants?.start()
    await new Promise<void>((resolve) => {
      const stop = () => {
        logger.info('shutting down')
        server.close(() => resolve())
        // Idle keep-alive connections must not hold the process open.
        ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await application.close()
    return 0
  },
}
