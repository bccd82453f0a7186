// Entry point: renders the shell and the view of the current hash route,
// again on every route or language change.
import { isLoggedIn } from './auth';
import { h } from './dom';
import { lang, setLang, t } from './i18n';
import { currentRoute } from './router';
import { renderShell } from './shell';
import { errorBox } from './views/common';
import type { View, ViewContext } from './views/context';
import { agendaView } from './views/agenda';
import { casesView } from './views/cases';
import { dossierView } from './views/dossier';
import { dueView } from './views/due';
import { loginView } from './views/login';
import { simulatorView } from './views/simulator';

const kViews: Record<string, View> = {
  due: dueView,
  cases: (context) => (context.route.path[1] ? dossierView(context) : casesView(context)),
  agenda: agendaView,
  simulator: simulatorView,
  login: loginView,
};

let generation = 0;
let firstRender = true;

function notFound(context: ViewContext): void {
  context.root.append(
    h('h1', { tabindex: '-1' }, t('error.title')),
    errorBox(new Error(t('error.unknownPage'))),
  );
}

// Moves focus to the new page's heading (so screen readers start there)
// and names the page in the title.
function settle(root: HTMLElement): void {
  const heading = root.querySelector('h1');
  if (heading) {
    document.title = `${heading.textContent ?? ''} – ${t('app.name')}`;
    if (!firstRender) (heading as HTMLElement).focus();
  }
  firstRender = false;
}

async function render(): Promise<void> {
  generation += 1;
  const mine = generation;
  const route = currentRoute();
  // The due board needs a login; the public starts at the list of cases.
  const section = route.path[0] ?? (isLoggedIn() ? 'due' : 'cases');
  document.documentElement.lang = lang();
  const shell = renderShell(document.body, section, () => void render());
  const context: ViewContext = {
    route,
    root: shell.main,
    isCurrent: () => mine === generation,
    announce: (message) => {
      shell.live.textContent = message;
    },
    refreshShell: () => void render(),
  };
  const view = kViews[section] ?? notFound;
  try {
    await view(context);
  } catch (error) {
    if (context.isCurrent()) shell.main.append(errorBox(error));
  }
  if (context.isCurrent()) settle(shell.main);
}

window.addEventListener('hashchange', () => void render());
setLang(lang());
void render();
