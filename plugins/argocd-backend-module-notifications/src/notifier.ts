/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  ARGOCD_APP_NAME_ANNOTATION,
  ARGOCD_INSTANCE_NAME_ANNOTATION,
  type ArgoCdApplication,
} from '@internal/plugin-argocd-common';
import type { ApplicationKey, NotificationStateStore } from './stateStore';
import { decide, Notice, observe } from './transitions';

/** What the notifier needs of an Argo CD client. */
export interface ApplicationReader {
  readonly instanceName: string;
  findApplication(
    name: string,
    options?: { signal?: AbortSignal },
  ): Promise<ArgoCdApplication | undefined>;
}

export interface NotifierOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  notifications: NotificationService;
  store: Pick<NotificationStateStore, 'getAll' | 'put' | 'deleteExcept'>;
  /** One reader per `argocd.instances` entry, in config order. */
  readers: ApplicationReader[];
  notifyRecovery: boolean;
  now?: () => Date;
  /** Upper bound for one Application read. Default 10 s. */
  timeoutMs?: number;
}

/** What one pass did, for logs and tests. */
export interface RunSummary {
  read: number;
  sent: Array<{ entityRef: string; kind: Notice['kind'] }>;
  failed: string[];
}

function owners(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
  if (related.length > 0) return [...new Set(related)];
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return [];
  return [
    stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ),
  ];
}

function entityPageLink(entity: Entity): string {
  const namespace = entity.metadata.namespace ?? 'default';
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    entity.kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(entity.metadata.name)}`;
}

/** The notification for a notice: title in Korean and English, as the template's. */
export function toPayload(
  entity: Entity,
  key: ApplicationKey,
  notice: Notice,
): NotificationSendOptions['payload'] {
  const name = entity.metadata.name;
  const app = `Argo CD Application "${key.appName}" (${key.instance})`;
  const link = entityPageLink(entity);
  switch (notice.kind) {
    case 'syncFailed':
      return {
        title: `${name}: Argo CD 동기화 실패 (sync failed)`,
        description: `${app}: the sync ended ${notice.phase}${
          notice.message ? `: ${notice.message}` : ''
        }. Health: ${notice.health ?? 'unknown'}.`,
        link,
        severity: 'high',
        topic: 'argocd',
      };
    case 'degraded':
      return {
        title: `${name}: Degraded 상태입니다 (Degraded)`,
        description: `${app} is Degraded${
          notice.message ? `: ${notice.message}` : ''
        }.`,
        link,
        severity: 'high',
        topic: 'argocd',
      };
    default:
      return {
        title: `${name}: 다시 Healthy입니다 (recovered)`,
        description: `${app} is Healthy again.`,
        link,
        severity: 'normal',
        topic: 'argocd',
      };
  }
}

/**
 * One pass: reads the Application of every catalog entity with
 * `argocd/app-name`, compares it with what the owning team was last told
 * (the store), and sends at most one notification per entity and
 * transition. The new state is stored only after the notification went out,
 * so a failed send is retried at the next pass rather than lost.
 */
export class ArgoCdNotifier {
  private readonly now: () => Date;
  private readonly timeoutMs: number;

  constructor(private readonly options: NotifierOptions) {
    this.now = options.now ?? (() => new Date());
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  private reader(entity: Entity): ApplicationReader | undefined {
    const wanted =
      entity.metadata.annotations?.[ARGOCD_INSTANCE_NAME_ANNOTATION]?.trim();
    if (!wanted) return this.options.readers[0];
    return this.options.readers.find(r => r.instanceName === wanted);
  }

  /**
   * One pass over the annotated entities. `signal` (the scheduler's, which
   * aborts when the backend shuts down or the task times out) stops the pass
   * between Applications and cancels the Argo CD call in flight.
   */
  async runOnce(signal?: AbortSignal): Promise<RunSummary> {
    const { catalog, auth, logger, store, notifications } = this.options;
    const summary: RunSummary = { read: 0, sent: [], failed: [] };
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ARGOCD_APP_NAME_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['kind', 'metadata', 'spec.owner', 'relations'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const remembered = await store.getAll();
    const seen: string[] = [];

    for (const entity of items) {
      signal?.throwIfAborted();
      const entityRef = stringifyEntityRef(entity);
      const appName =
        entity.metadata.annotations?.[ARGOCD_APP_NAME_ANNOTATION]?.trim();
      const reader = this.reader(entity);
      if (!appName || !reader) continue;
      seen.push(entityRef);
      const key: ApplicationKey = {
        entityRef,
        instance: reader.instanceName,
        appName,
      };
      try {
        const app = await reader.findApplication(appName, {
          signal: signal
            ? AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)])
            : AbortSignal.timeout(this.timeoutMs),
        });
        if (!app) continue; // not created yet, or deleted: nothing to say
        summary.read += 1;
        const stored = remembered.get(entityRef);
        // Another Application now: start over for it.
        const previous =
          stored &&
          stored.instance === key.instance &&
          stored.appName === key.appName
            ? stored
            : undefined;
        const { next, notice } = decide(previous, observe(app), {
          notifyRecovery: this.options.notifyRecovery,
        });
        if (notice) {
          const recipients = owners(entity);
          if (recipients.length > 0) {
            await notifications.send({
              recipients: { type: 'entity', entityRef: recipients },
              payload: toPayload(entity, key, notice),
            });
            summary.sent.push({ entityRef, kind: notice.kind });
            logger.info(
              `Told ${recipients.join(
                ', ',
              )} that ${entityRef} (Argo CD Application "${appName}"): ${
                notice.kind
              }`,
            );
          } else {
            logger.warn(
              `${entityRef} has no owner to tell that its Argo CD Application "${appName}" is ${notice.kind}`,
            );
          }
        }
        const changed =
          !previous ||
          previous.health !== next.health ||
          previous.degraded !== next.degraded ||
          previous.failedOperation !== next.failedOperation;
        if (changed) await store.put(key, next, this.now());
      } catch (error) {
        // Shutting down: stop here; nothing was stored for this one.
        signal?.throwIfAborted();
        // Argo CD or the notifications backend unreachable: nothing is
        // stored, so the same transition is looked at again next time.
        summary.failed.push(entityRef);
        logger.warn(
          `Could not check the Argo CD Application "${appName}" of ${entityRef} for notifications: ${
            isError(error) ? error.message : String(error)
          }`,
        );
      }
    }
    await store.deleteExcept(seen);
    return summary;
  }
}
