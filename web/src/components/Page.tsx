// A page: sets the document title and, after in-app navigation, moves focus
// to the page heading so screen readers announce the new page.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n';
import { useLocation } from '../router';

interface Props {
  title: string;
  /** Visible heading when it differs from the document title. */
  heading?: string;
  wide?: boolean;
  children: ComponentChildren;
}

export function Page({ title, heading, wide, children }: Props) {
  const t = useT();
  const h1 = useRef<HTMLHeadingElement>(null);
  const loc = useLocation();

  useEffect(() => {
    document.title = t.layout.pageTitle(title);
  }, [title, t]);

  useEffect(() => {
    if (loc.count > 0) h1.current?.focus();
  }, [loc.pathname]);

  return (
    <div class={wide ? 'page page--wide' : 'page'}>
      <h1 ref={h1} tabIndex={-1} class="page-title">{heading ?? title}</h1>
      {children}
    </div>
  );
}
