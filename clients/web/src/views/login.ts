// The token login page. The token is only stored (sessionStorage) and sent
// with each call; the server decides what it grants. Without a token the
// app is the public view.
import { isLoggedIn, logIn, logOut } from '../auth';
import { h, uniqueId } from '../dom';
import { t } from '../i18n';
import type { ViewContext } from './context';

function loginForm(context: ViewContext): HTMLElement {
  const id = uniqueId('token');
  const helpId = uniqueId('token-help');
  const errorId = uniqueId('token-error');
  const error = h('p', { id: errorId, class: 'field-error', role: 'alert' });
  const input = h('input', {
    type: 'password',
    id,
    name: 'token',
    autocomplete: 'current-password',
    'aria-describedby': `${helpId} ${errorId}`,
    spellcheck: 'false',
  });
  const form = h('form', { class: 'login', 'aria-labelledby': 'login-title' },
    h('div', { class: 'field' },
      h('label', { for: id }, t('login.token')),
      input,
      h('p', { id: helpId, class: 'help' }, t('login.tokenHelp')),
      error),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('login.submit'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (!value) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = t('login.empty');
      input.focus();
      return;
    }
    logIn(value);
    context.announce(t('login.done'));
    location.hash = '#/due';
  });
  return form;
}

function signedIn(context: ViewContext): HTMLElement {
  return h('div', null,
    h('p', null, t('login.signedIn')),
    h('button', {
      type: 'button',
      onclick: () => {
        logOut();
        location.hash = '#/login?out=1';
        context.refreshShell();
      },
    }, t('login.logout')));
}

export function loginView(context: ViewContext): void {
  context.root.append(
    h('h1', { tabindex: '-1', id: 'login-title' }, t('login.title')),
    h('p', { class: 'intro' }, t('login.intro')),
    context.route.query.get('out') && !isLoggedIn()
      ? h('p', { class: 'notice', role: 'status' }, t('login.loggedOut'))
      : '',
    // Signed in, the form stays: a refused or expired token is replaced
    // by logging in again.
    isLoggedIn() ? signedIn(context) : '',
    loginForm(context),
  );
}
