/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { visitsApiRef, type Visit } from '@backstage/plugin-home';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';

/** How many visited entities each widget lists. */
export const VISITS_SHOWN = 6;

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  row: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    padding: theme.spacing(0.75, 0),
  },
}));

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "3 minutes ago" for a visit's epoch-ms timestamp. */
export function visitedAgo(timestamp: number, now: number = Date.now()) {
  const sign = timestamp < now ? -1 : 1;
  const abs = Math.round(Math.abs(timestamp - now) / 1000);
  const [size, unit]: [number, Intl.RelativeTimeFormatUnit] = (abs < 60 && [
    1,
    'second',
  ]) ||
    (abs < 3600 && [60, 'minute']) ||
    (abs < 86400 && [3600, 'hour']) || [86400, 'day'];
  return relative.format(sign * Math.round(abs / size), unit);
}

/**
 * The entities the user visited, most recent first (`recent`) or most
 * visited first (`top`), from the home plugin's visits API (which keeps only
 * entity pages, see homeModule.tsx). Our own small list instead of the home
 * plugin's widgets: theirs bring luxon (22 kB gzipped) to the first page.
 */
export function VisitedEntities({ order }: { order: 'recent' | 'top' }) {
  const classes = useStyles();
  const visitsApi = useApi(visitsApiRef);
  const { value, loading, error } = useAsync(
    () =>
      visitsApi.list({
        limit: VISITS_SHOWN,
        orderBy: [
          order === 'recent'
            ? { field: 'timestamp', direction: 'desc' }
            : { field: 'hits', direction: 'desc' },
        ],
      }),
    [visitsApi, order],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const visits = (value ?? []).filter((v): v is Visit & { entityRef: string } =>
    Boolean(v.entityRef),
  );
  if (visits.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Services and other catalog pages you open show up here.
      </Typography>
    );
  }
  return (
    <ul
      className={classes.list}
      aria-label={order === 'recent' ? 'Recently visited' : 'Top visited'}
    >
      {visits.map(visit => (
        <li key={visit.id} className={classes.row}>
          <EntityRefLink entityRef={visit.entityRef} />
          <Typography variant="caption" color="textSecondary">
            {order === 'recent'
              ? visitedAgo(visit.timestamp)
              : `${visit.hits} visit${visit.hits === 1 ? '' : 's'}`}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

export const RecentlyVisited = () => <VisitedEntities order="recent" />;
export const TopVisited = () => <VisitedEntities order="top" />;
