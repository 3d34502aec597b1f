/**
 * SSRF through redirects: a page on a public-looking address of this machine
 * redirects to loopback, link-local and private targets; each hop is refused
 * and the private target never sees a request. test/readers-url.test.ts covers
 * direct private URLs and file:// is covered in test/readers-files.test.ts.
 * Needs an interface address that is not private (skipped otherwise).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, isPrivateAddress } from '../src/ingest/url.js';

const publicAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal && !isPrivateAddress(a.address))?.address;

describe.skipIf(!publicAddress)(`redirects to private addresses${publicAddress ? '' : ' (skipped: no non-private interface address to serve from)'}`, () => {
  let server: Server;
  let port = 0;
  const secretHits: string[] = [];
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const go = (to: string) => {
        res.writeHead(302, { location: to });
        res.end();
      };
      if (req.url === '/to-loopback') return go(`http://127.0.0.1:${port}/secret`);
      if (req.url === '/to-metadata') return go('http://169.254.169.254/latest/meta-data/');
      if (req.url === '/to-localhost') return go(`http://localhost:${port}/secret`);
      if (req.url === '/to-private-v6') return go(`http://[::ffff:10.0.0.1]:${port}/secret`);
      if (req.url === '/to-file') return go('file:///etc/passwd');
      if (req.url === '/secret') {
        secretHits.push(req.socket.remoteAddress ?? '?');
        res.end('secret');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('Public page.');
    });
    await new Promise<void>((done) => server.listen(0, '0.0.0.0', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('serves the public page itself (the setup works)', async () => {
    const page = await fetchUrl(`http://${publicAddress}:${port}/`, { timeoutMs: 3000 });
    expect(Buffer.from(page.bytes).toString()).toBe('Public page.');
  });

  it('refuses every redirect to a private, loopback or non-http target', async () => {
    const refusals: string[] = [];
    for (const path of ['/to-loopback', '/to-metadata', '/to-localhost', '/to-private-v6', '/to-file']) {
      const err = await fetchUrl(`http://${publicAddress}:${port}${path}`, { timeoutMs: 3000 }).then(
        () => null,
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      refusals.push(err ?? `${path} was fetched`);
    }
    expect(refusals).toEqual([
      'refused: 127.0.0.1 is a private or loopback address',
      'refused: 169.254.169.254 is a private or loopback address',
      'refused: localhost is a loopback host',
      'refused: ::ffff:a00:1 is a private or loopback address',
      'unsupported URL scheme file: (only http and https)',
    ]);
    expect(secretHits).toEqual([]);
  });
});
