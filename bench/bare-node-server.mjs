// The Node.js ceiling of the benchmark (bench/node-ceiling.ts): a bare `http` server that
// answers every request with one prebuilt response, the article as the page cache serves it
// (same body, same headers). Plain JavaScript, run by `node` without a loader.
// Usage: node bare-node-server.mjs <port> <response.json> <body file>
import fs from 'node:fs'
import http from 'node:http'

const [port, responseFile, bodyFile] = process.argv.slice(2)
const { headers } = JSON.parse(fs.readFileSync(responseFile, 'utf8'))
const body = fs.readFileSync(bodyFile)
const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  res.writeHead(200, headers)
  res.end(body)
})
server.listen(Number(port), '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
