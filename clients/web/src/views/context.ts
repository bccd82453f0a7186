// What the shell gives each view when it renders.
import type { Route } from '../router';

export interface ViewContext {
  route: Route;
  // The view's container inside <main>.
  root: HTMLElement;
  // False once the user has navigated elsewhere: a view stops touching the
  // page after an await when this turns false.
  isCurrent(): boolean;
  // Says something to screen-reader users (polite live region).
  announce(message: string): void;
  // Re-renders the shell (header) after a login or logout.
  refreshShell(): void;
}

export type View = (context: ViewContext) => Promise<void> | void;
