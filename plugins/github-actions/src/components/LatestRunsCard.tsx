/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { CiRun, CiRunsResponse } from '@internal/plugin-github-actions-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { ErrorView } from './ErrorView';
import { shortSha, when } from './format';
import { RunStatus } from './RunStatus';
import { useCiRuns } from './useCiRuns';

/** How many runs the overview card lists. */
export const CARD_RUNS = 5;

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  run: {
    display: 'grid',
    gridTemplateColumns: 'minmax(7.5rem, max-content) minmax(0, 1fr)',
    columnGap: theme.spacing(2),
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  title: {
    overflowWrap: 'break-word',
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  sha: { fontFamily: 'monospace' },
  footer: {
    display: 'flex',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
}));

function RunRow({ run }: { run: CiRun }) {
  const classes = useStyles();
  const started = when(run.createdAt);
  return (
    <li className={classes.run} data-testid="ci-run">
      <Typography variant="body2" component="span">
        <RunStatus run={run} />
      </Typography>
      <Box>
        <Typography variant="body2" className={classes.title}>
          <Link to={run.url}>{run.title || run.commit.message}</Link>
        </Typography>
        <Typography variant="caption" color="textSecondary" component="p">
          {run.workflowName} #{run.runNumber} ·{' '}
          <Link
            to={run.commit.url}
            className={classes.sha}
            title={run.commit.sha}
          >
            {shortSha(run.commit.sha)}
          </Link>{' '}
          ·{' '}
          <time dateTime={run.createdAt} title={started.exact}>
            {started.relative}
          </time>
        </Typography>
      </Box>
    </li>
  );
}

function RunsView({ runs }: { runs: CiRunsResponse }) {
  const classes = useStyles();
  const branch = runs.repository.defaultBranch;
  return (
    <>
      {runs.runs.length === 0 ? (
        <Typography variant="body2">
          No workflow runs on {branch} yet. Runs appear here when a workflow in
          .github/workflows runs on a push to {branch}.
        </Typography>
      ) : (
        <ul className={classes.list} aria-label={`CI runs on ${branch}`}>
          {runs.runs.slice(0, CARD_RUNS).map(run => (
            <RunRow key={run.id} run={run} />
          ))}
        </ul>
      )}
      <Box className={classes.footer}>
        <Link to={runs.repository.actionsUrl}>Open in GitHub</Link>
        <Typography variant="caption" color="textSecondary">
          {runs.totalCount} run{runs.totalCount === 1 ? '' : 's'} on {branch},
          checked {when(runs.fetchedAt).relative}
        </Typography>
      </Box>
    </>
  );
}

/**
 * The CI card of an entity: the latest GitHub Actions runs of its default
 * branch, refreshed every 30 seconds.
 */
export function LatestRunsCard() {
  const state = useCiRuns(CARD_RUNS);
  let content: ReactNode;
  if (state.error) {
    content = <ErrorView error={state.error} />;
  } else if (state.value) {
    content = <RunsView runs={state.value} />;
  } else {
    content = <Progress />;
  }
  const repository = state.value?.repository;
  return (
    <InfoCard
      title="CI"
      subheader={
        repository
          ? `GitHub Actions on ${repository.defaultBranch} of ${repository.slug}`
          : 'GitHub Actions'
      }
    >
      {content}
    </InfoCard>
  );
}
