/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { httpClientMetrics } from './metrics';
import { registerHttpClientMetricsCapture } from './testUtils';

const capture = registerHttpClientMetricsCapture();
let server: Server;
let base: string;

beforeAll(async () => {
  // /status/<code> answers that code; /slow answers after 5 s.
  server = createServer((req, res) => {
    if (req.url === '/slow') {
      const timer = setTimeout(() => res.end('late'), 5000);
      req.on('close', () => clearTimeout(timer));
      return;
    }
    res.statusCode = Number(req.url?.split('/')[2] ?? 200);
    res.end();
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise(r => server.close(r));
});

/** Data points so far as `meter attrs…` → count. */
async function points(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const point of await capture.points()) {
    expect(point.unit).toBe('s');
    const attrs = Object.entries(point.attributes)
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join(' ');
    out[`${point.meter} ${attrs}`] = point.count;
  }
  return out;
}

describe('httpClientMetrics', () => {
  it('records each fetch by method and status, failures without an answer as network errors', async () => {
    const github = httpClientMetrics({
      meterName: 'test-github',
      peerService: 'github',
      attributes: { 'server.address': 'ghe.example.test' },
    });
    expect((await github.fetch(`${base}/status/200`)).status).toBe(200);
    expect((await github.fetch(`${base}/status/404`)).status).toBe(404);
    await github.fetch(`${base}/status/404`);
    await github.fetch(new Request(`${base}/status/503`, { method: 'post' }));
    await expect(github.fetch('http://127.0.0.1:9/')).rejects.toThrow();

    const argocd = httpClientMetrics({
      meterName: 'test-argocd',
      peerService: 'argocd',
      attributes: { 'launchpad.argocd.instance': 'main' },
    });
    argocd.record('DELETE', performance.now() - 250, 200);

    const where = 'peer.service=github server.address=ghe.example.test';
    expect(await points()).toEqual({
      [`test-github http.request.method=GET http.response.status_code=200 ${where}`]: 1,
      [`test-github http.request.method=GET http.response.status_code=404 ${where}`]: 2,
      [`test-github http.request.method=POST http.response.status_code=503 ${where}`]: 1,
      [`test-github error.type=network http.request.method=GET ${where}`]: 1,
      'test-argocd http.request.method=DELETE http.response.status_code=200 launchpad.argocd.instance=main peer.service=argocd': 1,
    });
  });

  it('does not record a call the caller aborted', async () => {
    const recorder = httpClientMetrics({
      meterName: 'test-abort',
      peerService: 'github',
    });
    const controller = new AbortController();
    const pending = recorder.fetch(`${base}/slow`, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const recorded = Object.keys(await points()).filter(k =>
      k.startsWith('test-abort'),
    );
    expect(recorded).toEqual([]);
  });
});
