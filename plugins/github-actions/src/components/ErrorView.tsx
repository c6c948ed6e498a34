/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { StatusError } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { describeError } from './format';

/** What went wrong, in the backend's words. */
export function ErrorView({ error }: { error: Error }) {
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
