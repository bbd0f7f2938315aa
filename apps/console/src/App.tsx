import { useCallback, useState } from 'react';
import { SignedIn } from './session/SignedIn';
import { SignIn } from './session/SignIn';
import type { SignOutReason } from './session/signOutReason';
import { storedToken, storeToken } from './session/tokenStore';

/** The console: the sign-in page until a token is given, then the signed-in console. */
export function App() {
  const [token, setToken] = useState(storedToken);
  const [reason, setReason] = useState<SignOutReason>('signed-out');
  const signIn = useCallback((given: string) => {
    storeToken(given);
    setToken(given);
  }, []);
  const signOut = useCallback((why: SignOutReason) => {
    storeToken(undefined);
    setReason(why);
    setToken(undefined);
  }, []);
  if (!token) return <SignIn reason={reason} onSignIn={signIn} />;
  return <SignedIn key={token} token={token} onSignOut={signOut} />;
}
