/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A webhook delivery as the GitHub stand-in sent it. */
export interface CapturedDelivery {
  headers: Record<string, string>;
  body: string;
}

/**
 * Sits between the GitHub stand-in's organization webhook and the portal:
 * forwards every delivery unchanged (answering with the portal's status),
 * or, while capturing, keeps them instead so a test can replay one with a
 * missing or wrong signature first, and then as GitHub sent it.
 */
export interface WebhookRelay {
  url: string;
  capture(on: boolean): void;
  captured: CapturedDelivery[];
  /** Every delivery that passed through, with the portal's answer. */
  forwarded: Array<{ event: string; status: number }>;
  /** POSTs a delivery to the portal with `headers` replaced; returns the status and body. */
  send(
    delivery: CapturedDelivery,
    headers?: Record<string, string | undefined>,
  ): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

const FORWARDED = [
  'content-type',
  'user-agent',
  'x-github-event',
  'x-github-delivery',
  'x-github-hook-id',
  'x-github-hook-installation-target-type',
  'x-github-hook-installation-target-id',
  'x-hub-signature',
  'x-hub-signature-256',
];

export async function startWebhookRelay(target: string): Promise<WebhookRelay> {
  let capturing = false;
  const captured: CapturedDelivery[] = [];
  const forwarded: WebhookRelay['forwarded'] = [];

  const send: WebhookRelay['send'] = async (delivery, override = {}) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...delivery.headers, ...override })) {
      if (v !== undefined) headers[k] = v;
    }
    const res = await fetch(target, {
      method: 'POST',
      headers,
      body: delivery.body,
    });
    return { status: res.status, body: await res.text() };
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const delivery: CapturedDelivery = {
      headers: Object.fromEntries(
        FORWARDED.filter(h => req.headers[h] !== undefined).map(h => [
          h,
          String(req.headers[h]),
        ]),
      ),
      body: Buffer.concat(chunks).toString('utf8'),
    };
    if (capturing) {
      captured.push(delivery);
      res.writeHead(202).end();
      return;
    }
    try {
      const answer = await send(delivery);
      forwarded.push({
        event: delivery.headers['x-github-event'],
        status: answer.status,
      });
      res
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end(answer.body);
    } catch (error) {
      forwarded.push({ event: delivery.headers['x-github-event'], status: 0 });
      res.writeHead(502).end(String(error));
    }
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    capture(on) {
      capturing = on;
    },
    captured,
    forwarded,
    send,
    stop: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
