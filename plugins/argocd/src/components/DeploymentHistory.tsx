/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  Link,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ArgoCdDeployment } from '../api';
import { formatAbsolute, formatRelative, shortRevision } from './time';

const useStyles = makeStyles(theme => ({
  heading: {
    color: theme.palette.text.secondary,
    fontWeight: theme.typography.fontWeightBold as number,
    fontSize: theme.typography.body2.fontSize,
    margin: theme.spacing(2, 0, 0.5),
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  revision: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
  },
}));

function Result({ result }: { result: string }) {
  if (result === 'Succeeded') return <StatusOK>Succeeded</StatusOK>;
  if (result === 'Failed' || result === 'Error') {
    return <StatusError>{result}</StatusError>;
  }
  return <StatusPending>{result}</StatusPending>;
}

function Revision({ deployment }: { deployment: ArgoCdDeployment }) {
  const classes = useStyles();
  if (!deployment.revision) {
    return <Typography variant="body2">unknown revision</Typography>;
  }
  const code = (
    <code className={classes.revision} title={deployment.revision}>
      {shortRevision(deployment.revision)}
    </code>
  );
  return deployment.commitUrl ? (
    <Link to={deployment.commitUrl}>{code}</Link>
  ) : (
    code
  );
}

/**
 * The Application's latest deployments, newest first: result, revision
 * (linked to its commit), when, and who or what started the sync.
 */
export function DeploymentHistory({
  deployments,
}: {
  deployments: ArgoCdDeployment[];
}) {
  const classes = useStyles();
  if (deployments.length === 0) return null;
  return (
    <section aria-label="Deployment history">
      <Typography component="h3" className={classes.heading}>
        Deployments
      </Typography>
      <ul className={classes.list}>
        {deployments.map((d, index) => {
          const when = d.finishedAt ?? d.startedAt;
          const date = when ? new Date(when) : undefined;
          return (
            <li
              key={d.id ?? `op-${index}`}
              className={classes.row}
              data-testid="argocd-deployment"
            >
              <Result result={d.result} />
              <Revision deployment={d} />
              {date && !Number.isNaN(date.getTime()) && (
                <Typography variant="body2" color="textSecondary">
                  <time dateTime={when} title={formatAbsolute(date)}>
                    {formatRelative(date)}
                  </time>
                </Typography>
              )}
              {d.initiatedBy && (
                <Typography variant="body2" color="textSecondary">
                  {d.initiatedBy === 'automated'
                    ? 'auto-sync'
                    : `by ${d.initiatedBy}`}
                </Typography>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
