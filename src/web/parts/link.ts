/** An ordinary link (keyboard, middle-click and copy work) that navigates in-page on a plain click. */
import type { MouseEvent, ReactNode } from 'react';
import { h } from '../h.js';
import { navigate } from '../route.js';

export function Link(props: { href: string; children?: ReactNode; className?: string; title?: string }) {
  return h(
    'a',
    {
      href: props.href,
      className: props.className,
      title: props.title,
      onClick: (e: MouseEvent<HTMLAnchorElement>) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(props.href);
      },
    },
    props.children,
  );
}
