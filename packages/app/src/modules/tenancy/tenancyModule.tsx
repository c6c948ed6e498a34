/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

// The template form's owner field: only the signed-in user's teams (README,
// "Teams and tenancy"). Loaded with the scaffolder's other fields.
const tenantOwnerPicker = FormFieldBlueprint.make({
  name: 'tenant-owner-picker',
  params: {
    field: () => import('./fields').then(m => m.tenantOwnerPickerField),
  },
});

export const tenancyModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [tenantOwnerPicker],
});
