/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { ArgoCdEntityStatus } from '../api';
import { formatAbsolute, formatRelative, shortRevision } from './time';
import { useArgoCdStatus } from './useArgoCdStatus';

const useStyles = makeStyles(theme => ({
  rows: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1.5),
    alignItems: 'center',
    margin: 0,
  },
  label: {
    color: theme.palette.text.secondary,
    fontWeight: theme.typography.fontWeightBold as number,
    fontSize: theme.typography.body2.fontSize,
  },
  value: { margin: 0, minWidth: 0 },
  revision: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
  },
  footer: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
}));

function SyncStatus({ status }: { status: string }) {
  if (status === 'Synced') return <StatusOK>Synced</StatusOK>;
  if (status === 'OutOfSync') return <StatusWarning>OutOfSync</StatusWarning>;
  return <StatusPending>{status}</StatusPending>;
}

function HealthStatus({ status }: { status: string }) {
  switch (status) {
    case 'Healthy':
      return <StatusOK>Healthy</StatusOK>;
    case 'Degraded':
      return <StatusError>Degraded</StatusError>;
    case 'Missing':
    case 'Suspended':
      return <StatusWarning>{status}</StatusWarning>;
    default:
      // Progressing, Unknown
      return <StatusPending>{status}</StatusPending>;
  }
}

function Time({ iso }: { iso: string }) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <>{iso}</>;
  return (
    <time dateTime={iso} title={formatAbsolute(date)}>
      {formatRelative(date)} ({formatAbsolute(date)})
    </time>
  );
}

function LastSync({ lastSync }: { lastSync: ArgoCdEntityStatus['lastSync'] }) {
  if (!lastSync) {
    return <Typography variant="body2">Never synced</Typography>;
  }
  if (!lastSync.finishedAt) {
    return (
      <Typography variant="body2">
        {lastSync.phase === 'Running' ? 'Sync running' : lastSync.phase}
        {lastSync.startedAt && (
          <>
            , started <Time iso={lastSync.startedAt} />
          </>
        )}
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">
        <Time iso={lastSync.finishedAt} />
      </Typography>
      {lastSync.phase !== 'Succeeded' && (
        <Typography variant="body2" color="error">
          {lastSync.phase}
          {lastSync.message ? `: ${lastSync.message}` : ''}
        </Typography>
      )}
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <>
      <dt className={classes.label}>{label}</dt>
      <dd className={classes.value}>{children}</dd>
    </>
  );
}

function StatusView({ status }: { status: ArgoCdEntityStatus }) {
  const classes = useStyles();
  const revision = status.lastSync?.revision ?? status.sync.revision;
  return (
    <>
      <dl className={classes.rows}>
        <Row label="Sync">
          <Chip
            size="small"
            variant="outlined"
            label={<SyncStatus status={status.sync.status} />}
          />
        </Row>
        <Row label="Health">
          <Chip
            size="small"
            variant="outlined"
            label={<HealthStatus status={status.health.status} />}
          />
          {status.health.message && (
            <Typography variant="body2" color="textSecondary">
              {status.health.message}
            </Typography>
          )}
        </Row>
        <Row label="Last sync">
          <LastSync lastSync={status.lastSync} />
        </Row>
        <Row label="Revision">
          {revision ? (
            <code className={classes.revision} title={revision}>
              {shortRevision(revision)}
            </code>
          ) : (
            <Typography variant="body2">unknown</Typography>
          )}
        </Row>
      </dl>
      <Box className={classes.footer}>
        <Link to={status.url}>Open in Argo CD</Link>
        <Typography variant="caption" color="textSecondary">
          {status.appName} on {status.instance}, checked{' '}
          {formatRelative(new Date(status.fetchedAt))}
        </Typography>
      </Box>
    </>
  );
}

/** The heading and the backend's message for a failed status read. */
export function describeError(error: Error): {
  title: string;
  message: string;
} {
  if (error.name === 'ResponseError') {
    const { statusCode, cause, body } = error as ResponseError;
    const message = body?.error?.message || cause?.message || error.message;
    if (statusCode === 404) {
      return { title: 'No Argo CD status', message };
    }
    if (statusCode === 401 || statusCode === 403) {
      return { title: 'Not allowed', message };
    }
    return { title: 'Argo CD unavailable', message };
  }
  return {
    title: 'Argo CD unavailable',
    message: `Could not reach the portal backend: ${error.message}`,
  };
}

function ErrorView({ error }: { error: Error }) {
  const { title, message } = describeError(error);
  return (
    <Box role="alert">
      <Typography variant="subtitle1" gutterBottom>
        <StatusError>{title}</StatusError>
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {message}
      </Typography>
    </Box>
  );
}

/**
 * The Argo CD card of an entity: sync and health status, last sync, revision
 * and a link to the Application in Argo CD, refreshed every 30 seconds.
 */
export function ArgoCdStatusCard() {
  const { entity } = useEntity();
  const state = useArgoCdStatus(getCompoundEntityRef(entity));

  let content: ReactNode;
  if (state.loading) {
    content = <Progress />;
  } else if (state.error) {
    content = <ErrorView error={state.error} />;
  } else {
    content = <StatusView status={state.value} />;
  }
  return <InfoCard title="Argo CD">{content}</InfoCard>;
}
