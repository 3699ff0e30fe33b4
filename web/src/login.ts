// Logging in (docs/http_api.md, "Security model"): the page asks who it is; without a
// session it shows a form — user name and password on a team server, the start token
// on a local one — and the server answers with an HttpOnly session cookie.
import { ApiError, request } from './api';
import { el, esc } from './format';

export interface Me { user_id: number; name: string; role: string; credential: string; auth: string }

async function authMode(): Promise<string> {
  const h = await request<{ auth?: string }>('GET', '/v1/health');
  return h.auth ?? 'local-token';
}

function showForm(mode: string): Promise<void> {
  const accounts = mode === 'accounts';
  const overlay = el('div', { class: 'login-overlay', 'data-testid': 'login' });
  overlay.innerHTML = `<form class="login-card" autocomplete="on">
      <h2>Corridor</h2>
      ${accounts
        ? `<label>User <input name="user" data-testid="login-user" autocomplete="username" required></label>
           <label>Password <input name="password" type="password" data-testid="login-password" autocomplete="current-password" required></label>`
        : `<p class="muted">Open the URL <code>corridor serve</code> printed, or paste its token.</p>
           <label>Token <input name="token" type="password" data-testid="login-token" required></label>`}
      <button type="submit" data-testid="login-submit">Log in</button>
      <div class="login-error" data-testid="login-error" role="alert"></div>
    </form>`;
  document.body.append(overlay);
  const form = overlay.querySelector('form')!;
  return new Promise(resolve => {
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const data = new FormData(form);
      const body = accounts ? { user: data.get('user'), password: data.get('password') } : { token: data.get('token') };
      try {
        await request('POST', '/v1/login', body);
        overlay.remove();
        resolve();
      } catch (e) {
        overlay.querySelector('.login-error')!.textContent = e instanceof ApiError ? e.message : String(e);
      }
    });
  });
}

function showUser(me: Me) {
  const box = el('div', { class: 'user', 'data-testid': 'user' });
  box.innerHTML = `<span data-testid="user-name">${esc(me.name)}</span> <span class="muted">${esc(me.role)}</span>` +
    (me.credential === 'session' ? ' <button data-testid="logout">Log out</button>' : '');
  box.querySelector('button')?.addEventListener('click', async () => {
    await request('POST', '/v1/logout').catch(() => undefined);
    location.reload();
  });
  document.querySelector('.topbar')?.append(box);
  document.body.dataset.role = me.role;
}

/** Resolves once the page has a session, with who it is. */
export async function ensureLoggedIn(): Promise<Me> {
  for (;;) {
    try {
      const me = await request<Me>('GET', '/v1/me');
      showUser(me);
      return me;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      await showForm(await authMode());
    }
  }
}
