/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  InfoCard,
  Progress,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useKubernetesObjects } from '@backstage/plugin-kubernetes-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ClusterPodSummary, summarizePods } from './podSummary';

/** How often the card asks the Kubernetes backend again. */
const REFRESH_INTERVAL_MS = 15_000;

function Headline({ summary }: { summary: ClusterPodSummary }) {
  const text = `${summary.ready}/${summary.pods} pods ready, ${
    summary.restarts
  } restart${summary.restarts === 1 ? '' : 's'}`;
  if (summary.pods === 0 || summary.ready === 0) {
    return <StatusError>{summary.pods === 0 ? 'No pods' : text}</StatusError>;
  }
  if (summary.ready < summary.pods || summary.restarts > 0) {
    return <StatusWarning>{text}</StatusWarning>;
  }
  return <StatusOK>{text}</StatusOK>;
}

function ClusterView({ summary }: { summary: ClusterPodSummary }) {
  return (
    <Box component="li" mb={1.5} data-testid="kubernetes-cluster">
      <Typography variant="subtitle2" component="h3">
        {summary.cluster}
      </Typography>
      <Typography variant="body2">
        <Headline summary={summary} />
      </Typography>
      {summary.problems.map(p => (
        <Typography key={p.name} variant="body2" color="textSecondary">
          {p.name}: {p.reason}
        </Typography>
      ))}
      {summary.errors.map(e => (
        <Typography key={e} variant="body2" color="error">
          Could not read everything: {e}
        </Typography>
      ))}
    </Box>
  );
}

/**
 * Pods ready and restarting, per cluster, read through the Kubernetes
 * backend with the signed-in user's credentials (the same request the
 * Kubernetes tab sends).
 */
export function KubernetesSummaryCard() {
  const { entity } = useEntity();
  const { kubernetesObjects, error } = useKubernetesObjects(
    entity,
    REFRESH_INTERVAL_MS,
  );
  let content;
  if (error) {
    content = (
      <Box role="alert">
        <Typography variant="subtitle1" gutterBottom>
          <StatusError>Kubernetes unavailable</StatusError>
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {error}
        </Typography>
      </Box>
    );
  } else if (!kubernetesObjects) {
    content = <Progress />;
  } else {
    const clusters = summarizePods(kubernetesObjects);
    content =
      clusters.length === 0 ? (
        <Typography variant="body2">
          No workloads of this service on any cluster yet.
        </Typography>
      ) : (
        <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {clusters.map(c => (
            <ClusterView key={c.cluster} summary={c} />
          ))}
        </Box>
      );
  }
  return <InfoCard title="Kubernetes">{content}</InfoCard>;
}
