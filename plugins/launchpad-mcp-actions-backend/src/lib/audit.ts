/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { toError } from '@backstage/errors';

/**
 * Who called: the user's entity ref, or `service:<subject>` for a service
 * principal. Every audit event of these actions names it.
 */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return principal.type;
}

/**
 * Runs `fn` inside one audit event (the auditor service: an `initiated` and
 * a `succeeded` or `failed` line with `isAuditEvent`, the plugin, the event id
 * and `meta`) that records the caller (`meta.actor`; the event's own
 * `actor.actorId` names this plugin, since no HTTP request is at hand), and
 * the error's message. Severity `medium` by default: the auditor logs it at
 * info level (`low` would be debug, i.e. not logged by default), so every
 * assistant call is in the log. Inputs that could carry a secret are never
 * put into `meta`.
 */
export async function audited<T>(
  auditor: AuditorService,
  options: {
    eventId: string;
    credentials: BackstageCredentials;
    severityLevel?: AuditorServiceEventSeverityLevel;
    meta?: JsonObject;
  },
  fn: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId: options.eventId,
    severityLevel: options.severityLevel ?? 'medium',
    meta: { actor: actorOf(options.credentials), ...options.meta },
  });
  try {
    const result = await fn();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: toError(error) });
    throw error;
  }
}
