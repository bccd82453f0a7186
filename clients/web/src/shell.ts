// The page shell around every view: skip link, header with the main menu,
// role and language switch, <main>, footer and a live region for
// announcements. Rebuilt (cheaply) on every navigation so that the text
// follows the language and aria-current follows the route.
import { isLoggedIn, logOut } from './auth';
import { h, replaceChildren } from './dom';
import { lang, setLang, t, type MessageKey } from './i18n';

export interface Shell {
  main: HTMLElement;
  live: HTMLElement;
}

const kMenu: Array<[string, MessageKey]> = [
  ['cases', 'nav.cases'],
  ['due', 'nav.due'],
  ['agenda', 'nav.agenda'],
  ['simulator', 'nav.simulator'],
];

function menuItem(section: string, active: string, key: MessageKey): HTMLElement {
  const current = section === active;
  return h(
    'li',
    null,
    h('a', { href: `#/${section}`, 'aria-current': current ? 'page' : null }, t(key)),
  );
}

function accountControls(onChange: () => void): HTMLElement {
  const role = h(
    'span',
    { class: `role role-${isLoggedIn() ? 'signed-in' : 'public'}` },
    t(isLoggedIn() ? 'role.signedIn' : 'role.public'),
  );
  const account = isLoggedIn()
    ? h('button', {
        type: 'button',
        class: 'link-button',
        onclick: () => {
          logOut();
          onChange();
          location.hash = '#/login?out=1';
        },
      }, t('nav.logout'))
    : h('a', { href: '#/login' }, t('nav.login'));
  const other = lang() === 'nb' ? 'en' : 'nb';
  const language = h('button', {
    type: 'button',
    class: 'link-button',
    lang: other,
    onclick: () => {
      setLang(other);
      onChange();
    },
  }, t('lang.switch'));
  return h('div', { class: 'account' }, role, account, language);
}

function skipToMain(event: Event): void {
  // The link's target would be read as a route; move focus ourselves.
  event.preventDefault();
  document.getElementById('main')?.focus();
}

export function renderShell(
  body: HTMLElement,
  active: string,
  onChange: () => void,
): Shell {
  const main = h('main', { id: 'main', tabindex: '-1' });
  const live = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const header = h(
    'header',
    { class: 'site-header' },
    h('div', { class: 'brand' },
      h('a', { href: '#/', class: 'brand-name' }, t('app.name')),
      h('span', { class: 'brand-tagline' }, t('app.tagline'))),
    h('nav', { 'aria-label': t('nav.label') },
      h('ul', null, kMenu.map(([section, key]) => menuItem(section, active, key)))),
    accountControls(onChange),
  );
  const footer = h('footer', { class: 'site-footer' }, h('p', null, t('footer.text')));
  replaceChildren(
    body,
    h('a', { class: 'skip-link', href: '#main', onclick: skipToMain }, t('skip.main')),
    header,
    main,
    footer,
    live,
  );
  return { main, live };
}
