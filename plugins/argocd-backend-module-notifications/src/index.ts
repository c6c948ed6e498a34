/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Team notifications for the Argo CD Applications of catalog entities: one
 * per transition to Degraded or failed sync, and one on recovery.
 *
 * @packageDocumentation
 */

export { argocdModuleNotifications as default } from './module';
export { ArgoCdNotifier } from './notifier';
export type {
  ApplicationReader,
  NotifierOptions,
  RunSummary,
} from './notifier';
export { decide, observe } from './transitions';
export type { NotificationState, Notice, Observation } from './transitions';
