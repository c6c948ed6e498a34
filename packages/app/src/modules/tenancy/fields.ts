/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { TenantOwnerPicker } from './TenantOwnerPicker';

/** `ui:field: TenantOwnerPicker` in a template's parameters. */
export const tenantOwnerPickerField = createFormField({
  name: 'TenantOwnerPicker',
  component: TenantOwnerPicker,
});
