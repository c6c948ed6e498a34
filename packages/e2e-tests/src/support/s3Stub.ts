/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import http from 'node:http';
import net from 'node:net';

/** Answers like an S3 bucket that exists and is empty; records the requests. */
export async function startS3Stub(bucket: string) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    const url = new URL(req.url ?? '/', 'http://stub');
    if (!url.pathname.startsWith(`/${bucket}`)) {
      res.writeHead(404).end();
    } else if (
      req.method === 'HEAD' &&
      url.pathname.replace(/\/$/, '') === `/${bucket}`
    ) {
      res.writeHead(200, { 'x-amz-bucket-region': 'ap-northeast-2' }).end();
    } else if (
      req.method === 'GET' &&
      url.searchParams.get('list-type') === '2'
    ) {
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>`,
        );
    } else {
      res
        .writeHead(404, { 'content-type': 'application/xml' })
        .end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code></Error>',
        );
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
