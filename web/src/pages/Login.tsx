// Sign in. Errors are announced and focus stays in the form.
import { useState } from 'preact/hooks';
import { ApiError, errorMessage, login } from '../api';
import { ErrorMessage } from '../components/Alert';
import { TextField } from '../components/Field';
import { Page } from '../components/Page';
import { useT } from '../i18n';
import type { Me } from '../types';

export function Login({ onLogin, expired }: { onLogin: (me: Me) => void; expired: boolean }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError(t.login.missing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await login(username.trim(), password);
      onLogin(me);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(err.message || t.login.failed);
      else if (err instanceof ApiError && err.status === 429) setError(err.message || t.login.throttled);
      else setError(errorMessage(err));
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <Page title={t.login.title}>
      <div class="card card--narrow">
        <p class="lead">{t.login.intro}</p>
        {expired && !error && <p class="alert alert--info" role="status">{t.login.expired}</p>}
        <ErrorMessage id="login-error">{error}</ErrorMessage>
        <form onSubmit={submit} noValidate class="stack">
          <TextField
            id="login-username"
            label={t.login.username}
            value={username}
            onValue={setUsername}
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
          />
          <TextField
            id="login-password"
            label={t.login.password}
            type="password"
            value={password}
            onValue={setPassword}
            autocomplete="current-password"
            required
          />
          <button type="submit" class="button button--primary button--block" aria-disabled={busy ? 'true' : undefined}>
            {t.login.submit}
          </button>
        </form>
      </div>
    </Page>
  );
}
