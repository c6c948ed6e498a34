/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  Link,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import { argoCdApiRef } from '@internal/plugin-argocd';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import {
  argoCdAppOf,
  argoCdProblem,
  deploymentSummary,
  Health,
  MY_SERVICES_LIMIT,
  myServicesQuery,
} from './myServices';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  row: {
    display: 'flex',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
}));

const STATUS: Record<Health, typeof StatusOK> = {
  ok: StatusOK,
  warning: StatusWarning,
  error: StatusError,
  pending: StatusPending,
};

function Deployment({ entity }: { entity: Entity }) {
  const argoCdApi = useApi(argoCdApiRef);
  const appName = argoCdAppOf(entity);
  const { value, error, loading } = useAsync(async () => {
    if (!appName) return undefined;
    return argoCdApi.getEntityStatus(getCompoundEntityRef(entity));
  }, [argoCdApi, appName, entity]);
  if (!appName) {
    return (
      <Typography variant="body2" color="textSecondary">
        not deployed by Argo CD
      </Typography>
    );
  }
  if (loading) return <StatusPending>checking Argo CD…</StatusPending>;
  if (error || !value) {
    return (
      <span title={error?.message}>
        <StatusWarning>{argoCdProblem(error)}</StatusWarning>
      </span>
    );
  }
  const { level, text } = deploymentSummary(value);
  const Status = STATUS[level];
  return <Status>{text}</Status>;
}

/**
 * "My services": the components owned by the signed-in user's teams, each
 * with its Argo CD sync and health (read through the portal's Argo CD
 * backend with the user's own catalog access).
 */
export function MyServices() {
  const classes = useStyles();
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  const { value, error, loading } = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    return catalogApi.queryEntities(myServicesQuery(ownershipEntityRefs));
  }, [identityApi, catalogApi]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const services = value?.items ?? [];
  if (services.length === 0) {
    return (
      <Typography variant="body2">
        Your teams own no components yet. <Link to="/create">Create one</Link>{' '}
        from a template, or find others in the{' '}
        <Link to="/catalog">catalog</Link>.
      </Typography>
    );
  }
  return (
    <>
      <ul className={classes.list} aria-label="My services">
        {services.map(entity => (
          <li
            key={stringifyEntityRef(entity)}
            className={classes.row}
            data-testid="my-service"
          >
            <EntityRefLink entityRef={entity} />
            <Deployment entity={entity} />
          </li>
        ))}
      </ul>
      {(value?.totalItems ?? 0) > MY_SERVICES_LIMIT && (
        <Typography variant="caption" color="textSecondary">
          {MY_SERVICES_LIMIT} of {value?.totalItems}.{' '}
          <Link to="/catalog?filters[kind]=component&filters[user]=owned">
            All in the catalog
          </Link>
        </Typography>
      )}
    </>
  );
}
