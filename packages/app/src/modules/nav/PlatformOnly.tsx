/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { unprocessedEntitiesReadPermission } from '@backstage/plugin-catalog-unprocessed-entities-common';
import { usePermission } from '@backstage/plugin-permission-react';
import { ReactNode } from 'react';

/**
 * Shows its children (a sidebar item) only to users the permission policy
 * lets read unprocessed entities: the platform group
 * (launchpad.access.platformGroups).
 */
export function PlatformOnly({ children }: { children: ReactNode }) {
  const { allowed } = usePermission({
    permission: unprocessedEntitiesReadPermission,
  });
  return allowed ? <>{children}</> : null;
}
