/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { makeStyles } from '@material-ui/core';
import { LogoIcon } from './LogoIcon';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: 8, color: '#ffffff' },
  icon: { flexShrink: 0, display: 'flex' },
  name: { fontSize: 22, fontWeight: 700, letterSpacing: 0.3 },
});

export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <span className={classes.icon}>
        <LogoIcon />
      </span>
      <span className={classes.name}>Launchpad</span>
    </span>
  );
};
