/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** The Launchpad mark: a rocket leaving a launch pad. */
export const LogoIcon = () => (
  <svg
    width={28}
    height={28}
    viewBox="0 0 32 32"
    role="img"
    aria-label="Launchpad"
    xmlns="http://www.w3.org/2000/svg"
  >
    <path
      d="M16 2c4.5 3 7 8 7 13.5V21h-14v-5.5C9 10 11.5 5 16 2z"
      fill="#7df3e1"
    />
    <circle cx="16" cy="12" r="2.6" fill="#151e2f" />
    <path d="M9 17l-4 5h4zM23 17l4 5h-4z" fill="#4fa3f7" />
    <path d="M13 22h6l-1 4h-4z" fill="#ffb547" />
    <rect x="3" y="28" width="26" height="2.5" rx="1.2" fill="#ffffff" />
  </svg>
);
