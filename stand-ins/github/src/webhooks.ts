/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createHmac, randomUUID } from 'node:crypto';
import { Router, sendJson } from '@internal/stand-in-http';
import {
  membershipPayload,
  pushPayloads,
  repositoryCreatedPayload,
} from './webhookPayloads';
import type { World, WorldChange } from './world';

/** An organization webhook, as an organization owner would create it on GitHub. */
export interface WebhookOptions {
  /** Payload URL, e.g. `http://localhost:7007/api/events/http/github`. */
  url: string;
  /** The webhook's secret: every delivery is signed with it (`X-Hub-Signature-256`). */
  secret: string;
  /** Events to send; default push, repository, membership. */
  events?: string[];
  /** Milliseconds before a delivery gives up (GitHub: 10 s). */
  timeoutMs?: number;
}

/** One delivery, as GitHub's "Recent Deliveries" lists it (never the secret). */
export interface WebhookDelivery {
  id: string;
  event: string;
  action?: string;
  deliveredAt: string;
  /** HTTP status of the receiver, or 0 when it could not be reached. */
  status: number;
  durationMs: number;
  error?: string;
}

const DEFAULT_EVENTS = ['push', 'repository', 'membership'];

/**
 * GitHub's signature scheme (what @octokit/webhooks-methods `sign` does):
 * HMAC-SHA256 of the exact body bytes with the webhook secret, hex, with a
 * `sha256=` prefix.
 */
export function signPayload(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Delivers the organization webhook for every change the world reports,
 * one at a time and in order (a repository's `repository` event before its
 * first `push`), each with GitHub's headers.
 */
export class WebhookDispatcher {
  readonly hookId = Math.floor(100_000_000 + Math.random() * 800_000_000);
  private readonly sent: WebhookDelivery[] = [];
  private queue: Promise<void> = Promise.resolve();
  private readonly events: string[];

  constructor(
    private readonly world: World,
    private readonly options: WebhookOptions,
    private readonly log?: (line: string) => void,
  ) {
    if (!/^https?:\/\//.test(options.url)) {
      throw new Error(
        `webhook url must be an http(s) URL, got '${options.url}'`,
      );
    }
    if (!options.secret) {
      throw new Error('webhook secret must not be empty');
    }
    this.events = options.events ?? DEFAULT_EVENTS;
    world.observers.push(change => this.onChange(change));
  }

  deliveries(): WebhookDelivery[] {
    return this.sent.map(d => ({ ...d }));
  }

  /** Resolves once every delivery queued so far has been attempted. */
  idle(): Promise<void> {
    return this.queue;
  }

  private onChange(change: WorldChange) {
    this.enqueue(async () => {
      if (change.kind === 'repository-created') {
        return [
          {
            event: 'repository',
            payload: await repositoryCreatedPayload(
              this.world,
              change.repo,
              change.sender,
            ),
          },
        ];
      }
      const payloads = await pushPayloads(
        this.world,
        change.repo,
        change.before,
        change.pusher,
      );
      return payloads.map(payload => ({ event: 'push', payload }));
    });
  }

  /** A team membership changed (REST, teamMemberships.ts). */
  membershipChanged(...args: Parameters<typeof membershipPayload>) {
    this.enqueue(async () => [
      { event: 'membership', payload: membershipPayload(...args) },
    ]);
  }

  private enqueue(
    build: () => Promise<Array<{ event: string; payload: object }>>,
  ) {
    this.queue = this.queue.then(async () => {
      let messages: Array<{ event: string; payload: object }>;
      try {
        messages = await build();
      } catch (error) {
        this.log?.(`webhook payload failed: ${(error as Error).message}`);
        return;
      }
      for (const m of messages) {
        if (this.events.includes(m.event))
          await this.deliver(m.event, m.payload);
      }
    });
  }

  private async deliver(event: string, payload: object) {
    const id = randomUUID();
    const body = JSON.stringify(payload);
    const started = Date.now();
    const record: WebhookDelivery = {
      id,
      event,
      action: (payload as { action?: string }).action,
      deliveredAt: new Date(started).toISOString(),
      status: 0,
      durationMs: 0,
    };
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': `GitHub-Hookshot/${this.hookId
            .toString(16)
            .slice(0, 7)}`,
          'x-github-event': event,
          'x-github-delivery': id,
          'x-github-hook-id': String(this.hookId),
          'x-github-hook-installation-target-type': 'organization',
          'x-github-hook-installation-target-id': String(this.world.org.id),
          'x-hub-signature': `sha1=${createHmac('sha1', this.options.secret)
            .update(body)
            .digest('hex')}`,
          'x-hub-signature-256': signPayload(this.options.secret, body),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      record.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (error) {
      record.error = (error as Error).message;
    }
    record.durationMs = Date.now() - started;
    this.sent.push(record);
    if (this.sent.length > 500) this.sent.splice(0, this.sent.length - 500);
    this.log?.(
      `webhook ${event}${record.action ? `.${record.action}` : ''} ${id} -> ${
        record.status || record.error
      }`,
    );
  }
}

/** `GET /_standin/webhooks/deliveries`: what was delivered, for tests and debugging. */
export function addWebhookAdminRoutes(
  router: Router,
  dispatcher: WebhookDispatcher | undefined,
) {
  router.get(/^\/_standin\/webhooks\/deliveries$/, req =>
    sendJson(req.res, 200, dispatcher?.deliveries() ?? []),
  );
}
