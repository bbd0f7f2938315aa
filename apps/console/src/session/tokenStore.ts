/** Where this tab keeps its token: sessionStorage, so a reload keeps the session and closing the tab ends it. */
const TOKEN_KEY = 'hwmeeting.console.token';

/** The token this tab signed in with, if any. */
export function storedToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/** Keeps the token (undefined forgets it). */
export function storeToken(token: string | undefined): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}
