/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { ArgoCdClient, readArgoCdConfig } from '@internal/plugin-argocd-node';
import { readNotifierConfig } from './config';
import { ArgoCdNotifier } from './notifier';
import { NotificationStateStore } from './stateStore';

/** The scheduler's task id (one replica runs it at a time). */
export const NOTIFIER_TASK_ID = 'argocd-notifications';

/**
 * `argocd.notifications`: a scheduled task of the `argocd` plugin that tells
 * the owning team when its Application turns Degraded, a sync fails, or it
 * is Healthy again, through the notifications backend.
 *
 * @public
 */
export const argocdModuleNotifications = createBackendModule({
  pluginId: 'argocd',
  moduleId: 'notifications',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        scheduler,
        database,
        auth,
        catalog,
        notifications,
      }) {
        const settings = readNotifierConfig(config);
        const argoCd = readArgoCdConfig(config);
        if (!settings.enabled || argoCd.instances.length === 0) {
          logger.info(
            settings.enabled
              ? 'Argo CD notifications are off: no Argo CD instance is configured (argocd.instances).'
              : 'Argo CD notifications are off (argocd.notifications.enabled: false).',
          );
          return;
        }
        const store = await NotificationStateStore.create({ database });
        const notifier = new ArgoCdNotifier({
          catalog,
          auth,
          logger,
          notifications,
          store,
          readers: argoCd.instances.map(
            instance =>
              new ArgoCdClient({
                instance,
                retry: { attempts: 2, initialDelayMs: 500 },
                logger,
              }),
          ),
          notifyRecovery: settings.notifyRecovery,
        });
        await scheduler.scheduleTask({
          id: NOTIFIER_TASK_ID,
          // Global scope (the default): a lock in the database lets one
          // replica at a time run it.
          scope: 'global',
          frequency: { seconds: settings.intervalSeconds },
          timeout: { seconds: Math.max(60, settings.intervalSeconds * 5) },
          initialDelay: { seconds: Math.min(settings.intervalSeconds, 30) },
          fn: async signal => {
            const summary = await notifier.runOnce(signal);
            if (summary.failed.length > 0) {
              logger.warn(
                `Argo CD notifications: ${summary.failed.length} Application(s) could not be checked; they are checked again in ${settings.intervalSeconds} s`,
              );
            }
          },
        });
      },
    });
  },
});
