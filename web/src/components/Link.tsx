// An <a> that navigates inside the app without reloading.
import type { ComponentChildren, JSX } from 'preact';
import { isPlainClick, navigate } from '../router';

type Props = Omit<JSX.AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  href: string;
  children: ComponentChildren;
};

export function Link({ href, children, onClick, ...rest }: Props) {
  const handle = (e: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (onClick) (onClick as (ev: typeof e) => void)(e);
    if (!isPlainClick(e)) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
