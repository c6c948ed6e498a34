/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { useEffect, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';

/** One team as GET /api/launchpad-tenancy/v1/teams answers it. */
export interface Team {
  group: string;
  name: string;
  project: string;
  clusters: string[];
  namespaces: string[];
  ingress: { domains: string[]; internetFacing: boolean };
}

interface TeamsResponse {
  platform: boolean;
  items: Team[];
}

/** The team's rules in one line, under the field. */
export function describeTeam(team: Team): string {
  return `Argo CD ${team.project} · ${team.clusters.join(
    ', ',
  )} · 네임스페이스 ${team.namespaces.join(
    ', ',
  )} · *.${team.ingress.domains.join(', *.')}${
    team.ingress.internetFacing ? ' · internet-facing 가능' : ''
  }`;
}

/**
 * The owner field of the FastAPI template: only the teams the signed-in user
 * may create services for, as the backend's tenancy rules say (a platform
 * member: every team). The server checks the choice again
 * (launchpad:tenancy:check); this only keeps the form honest.
 */
export function TenantOwnerPicker(props: FieldExtensionComponentProps<string>) {
  const {
    onChange,
    formData,
    required,
    rawErrors,
    schema,
    uiSchema,
    idSchema,
  } = props;
  const discovery = useApi(discoveryApiRef);
  const { fetch } = useApi(fetchApiRef);

  const teams = useAsync(async (): Promise<TeamsResponse> => {
    const base = await discovery.getBaseUrl('launchpad-tenancy');
    const res = await fetch(`${base}/v1/teams`);
    if (!res.ok) {
      throw new Error(
        `Could not load your teams (${res.status}): ${await res.text()}`,
      );
    }
    return res.json();
  }, [discovery, fetch]);

  const items = useMemo(() => teams.value?.items ?? [], [teams.value]);
  const selected = items.find(t => t.group === formData) ?? null;

  useEffect(() => {
    // One team and a required field: nothing to choose.
    if (required && items.length === 1 && formData !== items[0].group) {
      onChange(items[0].group);
    }
  }, [required, items, formData, onChange]);

  let helper: string | undefined;
  if (teams.error) {
    helper = teams.error.message;
  } else if (selected) {
    helper = describeTeam(selected);
  } else if (!teams.loading && items.length === 0) {
    helper =
      '속한 팀이 없습니다: launchpad.tenancy의 팀 멤버만 서비스를 만들 수 있습니다. (You are in no team that may create services.)';
  }

  return (
    <ScaffolderField
      rawErrors={rawErrors}
      rawDescription={uiSchema?.['ui:description'] ?? schema.description}
      required={required}
      errors={undefined}
    >
      <Autocomplete<Team>
        id={idSchema?.$id ?? 'tenant-owner-picker'}
        options={items}
        value={selected}
        loading={teams.loading}
        disabled={Boolean(required && items.length === 1)}
        getOptionLabel={t => t.name}
        getOptionSelected={(a, b) => a.group === b.group}
        onChange={(_event, team) => onChange(team ? team.group : '')}
        renderOption={t => (
          <div>
            <Typography variant="body1">{t.name}</Typography>
            <Typography variant="caption" color="textSecondary">
              {t.group} · {t.project}
            </Typography>
          </div>
        )}
        renderInput={params => (
          <TextField
            {...params}
            label={schema.title ?? 'Owner'}
            margin="dense"
            variant="outlined"
            required={required}
            error={Boolean(teams.error) || Boolean(rawErrors?.length)}
            helperText={helper}
            FormHelperTextProps={{ style: { marginLeft: 0 } }}
          />
        )}
      />
    </ScaffolderField>
  );
}
