// The login token. It lives in sessionStorage only (gone when the tab is
// closed) and travels in the Authorization header, never in a URL, so it
// does not end up in browser history, server logs or Referer headers.
// Without a token the app is the public view: it shows what the server
// returns to anyone, and the server withholds confidential figures.

const kTokenKey = 'mea.token';

export function token(): string | null {
  try {
    const value = sessionStorage.getItem(kTokenKey);
    return value && value.length > 0 ? value : null;
  } catch {
    return null;
  }
}

export function isLoggedIn(): boolean {
  return token() !== null;
}

export function logIn(value: string): void {
  sessionStorage.setItem(kTokenKey, value.trim());
}

export function logOut(): void {
  sessionStorage.removeItem(kTokenKey);
}
