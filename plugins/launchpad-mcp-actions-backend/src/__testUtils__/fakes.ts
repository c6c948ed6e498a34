/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

export const sora = mockCredentials.user('user:default/sora-choi');
export const minji = mockCredentials.user('user:default/minji-park');

/**
 * A catalog that, like the real one behind the permission policy, answers
 * "not found" for an entity the caller may not read. Service credentials
 * (the plugin's own) read everything.
 */
export function catalogWith(
  entities: Entity[],
  mayRead: (entity: Entity, userEntityRef: string) => boolean = () => true,
) {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const reads: Array<{ ref: string; principal: string }> = [];
  const catalog = catalogServiceMock.mock({
    getEntityByRef: jest.fn(
      async (
        ref: string | CompoundEntityRef,
        { credentials }: { credentials: BackstageCredentials },
      ) => {
        const key = stringifyEntityRef(
          typeof ref === 'string' ? parseEntityRef(ref) : ref,
        );
        const principal = credentials.principal as {
          type: string;
          userEntityRef?: string;
          subject?: string;
        };
        reads.push({
          ref: key,
          principal:
            principal.userEntityRef ?? `${principal.type}:${principal.subject}`,
        });
        const entity = byRef.get(key);
        if (!entity) return undefined;
        if (principal.type === 'service') return entity;
        return mayRead(entity, principal.userEntityRef ?? '')
          ? entity
          : undefined;
      },
    ) as any,
  });
  return { catalog, reads };
}

export interface RecordedAuditEvent {
  eventId: string;
  severityLevel?: string;
  meta?: Record<string, unknown>;
  outcome?: 'success' | 'fail';
  error?: string;
}

/** An auditor that records the events it was given. */
export function recordingAuditor(): {
  auditor: AuditorService;
  events: RecordedAuditEvent[];
} {
  const events: RecordedAuditEvent[] = [];
  const auditor: AuditorService = {
    async createEvent(options) {
      const event: RecordedAuditEvent = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
        meta: options.meta as Record<string, unknown>,
      };
      events.push(event);
      return {
        async success() {
          event.outcome = 'success';
        },
        async fail({ error }) {
          event.outcome = 'fail';
          event.error = error.message;
        },
      };
    },
  };
  return { auditor, events };
}

export function component(
  name: string,
  extra: {
    annotations?: Record<string, string>;
    spec?: object;
    links?: object[];
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      description: `${name} service`,
      annotations: extra.annotations,
      links: extra.links as any,
    },
    spec: {
      type: 'service',
      lifecycle: 'experimental',
      owner: 'group:default/payments',
      system: 'payments',
      ...extra.spec,
    },
  };
}
