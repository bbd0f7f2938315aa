import { navigate, pathOf, type Route } from '../navigation';

/** Links that move within the console without loading the page. */
export function NavLink({ to, children }: { to: Route; children: string }) {
  return (
    <a
      href={pathOf(to)}
      onClick={(event) => {
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
