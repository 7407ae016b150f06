// Production entry of the dashboard: the adapter-node handler behind a plain Node server.
// adapter-node 6 derives the request origin from headers and assumes https when no proxy says
// otherwise; here the public origin is configuration (ORIGIN, e.g. http://localhost:3000 or the
// https address users reach), so that form actions' CSRF check and absolute URLs are right
// whether or not a proxy sits in front. Client-sent protocol headers are overwritten.
import { createServer } from 'node:http';
import process from 'node:process';

const origin = new URL(process.env.ORIGIN ?? 'http://localhost:3000');
process.env.PROTOCOL_HEADER = 'x-passerelles-proto';
// Request bodies: the Administration imports take files of 2 MiB, which the preview's
// « Confirmer » form sends back as text (adapter-node's default is 512 KiB).
process.env.BODY_SIZE_LIMIT ??= '5M';
const { handler } = await import('./build/handler.js');

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const protocol = origin.protocol.replace(':', '');

const server = createServer((req, res) => {
  req.headers['x-passerelles-proto'] = protocol;
  handler(req, res, () => {
    res.writeHead(404).end();
  });
});
server.listen(port, host, () => console.log(`Listening on http://${host}:${port} (public origin ${origin.origin})`));

const stop = () => server.close(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
