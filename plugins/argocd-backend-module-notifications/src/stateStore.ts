/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import type { NotificationState } from './transitions';

const TABLE = 'argocd_notification_state';

interface Row {
  entity_ref: string;
  instance: string;
  app_name: string;
  health: string | null;
  degraded: boolean | number;
  failed_operation: string | null;
  updated_at: Date | string;
}

/** Where an entity's Application lives. */
export interface ApplicationKey {
  entityRef: string;
  instance: string;
  appName: string;
}

/**
 * The notifier's memory in the plugin's database (PostgreSQL in
 * production), shared by every replica and kept across restarts.
 */
export class NotificationStateStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<NotificationStateStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@internal/plugin-argocd-backend-module-notifications',
          'migrations',
        ),
        // Its own bookkeeping tables: the argocd plugin's database may get
        // other modules' migrations one day.
        tableName: 'argocd_notifications_knex_migrations',
      });
    }
    return new NotificationStateStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  /** The remembered state of every entity, by entity ref. */
  async getAll(): Promise<Map<string, NotificationState & ApplicationKey>> {
    const rows = await this.knex<Row>(TABLE).select();
    return new Map(
      rows.map(r => [
        r.entity_ref,
        {
          entityRef: r.entity_ref,
          instance: r.instance,
          appName: r.app_name,
          health: r.health ?? undefined,
          degraded: Boolean(r.degraded),
          failedOperation: r.failed_operation ?? undefined,
        },
      ]),
    );
  }

  async put(
    key: ApplicationKey,
    state: NotificationState,
    now: Date,
  ): Promise<void> {
    const row: Row = {
      entity_ref: key.entityRef,
      instance: key.instance,
      app_name: key.appName,
      health: state.health ?? null,
      degraded: state.degraded,
      failed_operation: state.failedOperation ?? null,
      updated_at: now,
    };
    await this.knex<Row>(TABLE).insert(row).onConflict('entity_ref').merge();
  }

  /** Forgets entities that no longer name an Application. */
  async deleteExcept(entityRefs: string[]): Promise<number> {
    if (entityRefs.length === 0) return this.knex(TABLE).delete();
    return this.knex(TABLE).whereNotIn('entity_ref', entityRefs).delete();
  }
}
