/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  Content,
  InfoCard,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { CiRun } from '@internal/plugin-github-actions-common';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { ErrorView } from './ErrorView';
import { shortSha, when } from './format';
import { RunStatus } from './RunStatus';
import { useCiRuns } from './useCiRuns';

/** How many runs the CI tab lists. */
export const TAB_RUNS = 30;

function duration(run: CiRun): string {
  if (run.status !== 'completed') return '';
  const d = DateTime.fromISO(run.updatedAt).diff(
    DateTime.fromISO(run.createdAt),
    ['minutes', 'seconds'],
  );
  return d.minutes > 0
    ? `${d.minutes} min ${Math.round(d.seconds)} s`
    : `${Math.round(d.seconds)} s`;
}

const columns: TableColumn<CiRun>[] = [
  { title: 'Status', render: run => <RunStatus run={run} /> },
  {
    title: 'Run',
    render: run => (
      <Link to={run.url}>
        {run.workflowName} #{run.runNumber}
      </Link>
    ),
  },
  {
    title: 'Commit',
    width: '35%',
    render: run => (
      <>
        <Typography variant="body2">
          {run.title || run.commit.message}
        </Typography>
        <Link to={run.commit.url} title={run.commit.sha}>
          <code>{shortSha(run.commit.sha)}</code>
        </Link>
      </>
    ),
  },
  { title: 'Event', field: 'event' },
  { title: 'By', render: run => run.actor ?? '' },
  {
    title: 'Started',
    render: run => {
      const started = when(run.createdAt);
      return (
        <time dateTime={run.createdAt} title={started.exact}>
          {started.relative}
        </time>
      );
    },
  },
  { title: 'Duration', render: duration },
];

/** The "CI" tab: the latest 30 runs of the default branch. */
export function CiRunsContent() {
  const state = useCiRuns(TAB_RUNS);
  if (state.error) {
    return (
      <Content>
        <InfoCard title="CI">
          <ErrorView error={state.error} />
        </InfoCard>
      </Content>
    );
  }
  if (!state.value) return <Progress />;
  const { repository, runs, totalCount } = state.value;
  return (
    <Content>
      <Table<CiRun>
        title={`GitHub Actions on ${repository.defaultBranch} of ${repository.slug}`}
        subtitle={`The latest ${runs.length} of ${totalCount} runs`}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={runs}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            No workflow runs on {repository.defaultBranch} yet.
          </Typography>
        }
      />
      <Typography variant="body2" style={{ marginTop: 16 }}>
        <Link to={repository.actionsUrl}>All runs in GitHub</Link>
      </Typography>
    </Content>
  );
}
