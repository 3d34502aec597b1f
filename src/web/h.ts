/**
 * React without JSX: the project's TypeScript build has no JSX setting, so the
 * UI builds its elements with createElement under a short name.
 */
import { createElement, Fragment } from 'react';

export const h = createElement;
export { Fragment };
