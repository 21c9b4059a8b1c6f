/* Parley account panel: parley.js loads this file when a reader clicks "Sign in" (or their name).
   It shows the ways the site offers to sign in, or who is signed in with the ways to sign out. The session
   is kept in localStorage as 'parley.session' ({id, token, name}); parley.js sends its token as the bearer
   token instead of the guest's, so after signing in or out the page reloads and the widget starts afresh.
   All text goes in as text nodes. */
(() => {
  'use strict';
  const root = document.getElementById('parley'), box = root && root.querySelector('.parley-account');
  const opener = box && box.querySelector('button');
  if (!opener || box.dataset.panel) return;
  box.dataset.panel = 1;

  const me = document.currentScript;
  const home = (me ? me.src.split(/[?#]/)[0] : '').replace(/\/widget\/parley-account\.js$/, '');
  const site = home + '/api/v1/sites/' + encodeURIComponent(root.dataset.site || '');
  const KEY = 'parley.session';

  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const k in attrs) {
      const v = attrs[k];
      if (v == null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    }
    el.append(...kids.flat(9).filter(x => x != null && x !== false));
    return el;
  }
  const btn = (text, onclick, type) => h('button', {type: type || 'button', onclick}, text);

  function session() { try { return JSON.parse(localStorage.getItem(KEY)) } catch (e) { return null } }
  // Keeps (or, with null, forgets) the session, then reloads so every part of the widget uses it.
  // A new session also tells which browser it is in (its guest, if any), so moderators can link accounts and guests
  // that share one (ban evasion); failing that, signing in goes on.
  async function keep(s) {
    try {
      if (s) localStorage.setItem(KEY, JSON.stringify({id: s.account.id, token: s.token, name: s.account.name}));
      else localStorage.removeItem(KEY);
    } catch (e) { throw Error('This browser does not let the page remember that you signed in.') }
    const guest = (() => { try { return JSON.parse(localStorage.getItem('parley.guest')) } catch (e) { return null } })();
    if (s && guest && guest.token) await call('/me/browser', {guestToken: guest.token}, s.token).catch(() => {});
    location.reload();
  }

  // POST with a body (or `method`), DELETE with null, GET without; problems come back as errors with their detail.
  async function call(path, body, token, method) {
    const headers = {Accept: 'application/json'};
    if (body) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = 'Bearer ' + token;
    let r, j;
    try {
      r = await fetch(site + path, {method: method || (body ? 'POST' : body === null ? 'DELETE' : 'GET'), headers,
        body: body ? JSON.stringify(body) : undefined, credentials: 'omit'});
    } catch (e) { throw Error('Could not reach the comment server. Please try again.') }
    if (r.status == 204) return {};
    try { j = await r.json() } catch (e) {}
    if (r.ok) return j;
    throw Error(j && (j.detail || j.title) || 'Something went wrong (HTTP ' + r.status + ').');
  }

  // ---- passkeys: the server speaks WebAuthn's JSON forms (bytes in base64url); the browser API wants bytes.
  const bytes = s => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
  const b64 = b => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const ids = list => (list || []).map(c => ({...c, id: bytes(c.id)}));

  function answer(c) {
    const r = c.response, out = {id: c.id, rawId: b64(c.rawId), type: c.type, clientExtensionResults: {}, response: {clientDataJSON: b64(r.clientDataJSON)}};
    if (r.attestationObject) {
      out.response.attestationObject = b64(r.attestationObject);
      out.response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      out.response.authenticatorData = b64(r.authenticatorData);
      out.response.signature = b64(r.signature);
      if (r.userHandle) out.response.userHandle = b64(r.userHandle);
    }
    return out;
  }

  // The browser's refusals, in words a reader can act on.
  function browserError(e) {
    if (e.name == 'NotAllowedError') return Error('The passkey request was cancelled or timed out.');
    if (e.name == 'InvalidStateError') return Error('This device already holds a passkey for your account.');
    if (e.name == 'SecurityError') return Error('Passkeys cannot be used on this page (it must be served over https).');
    return e;
  }

  // Makes a passkey: for a new account named `name`, or (with a session token) for the signed-in reader.
  async function register(name, token) {
    const o = (await call('/sign-in/passkey/register/options', name ? {name} : {}, token)).publicKey;
    let c;
    try {
      c = await navigator.credentials.create({publicKey: {...o, challenge: bytes(o.challenge), user: {...o.user, id: bytes(o.user.id)},
        excludeCredentials: ids(o.excludeCredentials)}});
    } catch (e) { throw browserError(e) }
    return call('/sign-in/passkey/register/verify', answer(c), token);
  }

  async function signIn() {
    const o = (await call('/sign-in/passkey/authenticate/options', {})).publicKey;
    let c;
    try {
      c = await navigator.credentials.get({publicKey: {...o, challenge: bytes(o.challenge), allowCredentials: ids(o.allowCredentials)}});
    } catch (e) { throw browserError(e) }
    await keep(await call('/sign-in/passkey/authenticate/verify', answer(c)));
  }

  // ---- the panel
  const panel = h('section', {class: 'parley-form parley-panel', 'aria-label': 'Your account', hidden: true});
  let note; // the panel's one line for errors and confirmations

  // A handler that shows what went wrong and ignores repeat clicks while its request runs.
  const act = f => async e => {
    e.preventDefault();
    const b = e.currentTarget;
    if (b.getAttribute('aria-busy')) return;
    b.setAttribute('aria-busy', true);
    note.textContent = '';
    try { await f() } catch (x) { note.textContent = x.message } finally { b.removeAttribute('aria-busy') }
  };

  // One entry per way of signing in: when(ways) says whether the site offers it (ways is GET /sign-in),
  // show(ways) builds its controls. Email links, OpenID providers and the newsroom's login page go here too.
  const WAYS = [
    {when: w => w.passkeys, show: () => window.PublicKeyCredential ? [
      h('div', {class: 'parley-buttons'}, btn('Sign in with a passkey', act(signIn))),
      h('form', {onsubmit: act(() => create(name.value.trim()))},
        h('label', {class: 'parley-field'}, 'Your name, shown with your comments', name),
        h('div', {class: 'parley-buttons'}, btn('Create an account with a passkey', null, 'submit')))
    ] : h('p', {}, 'This browser cannot use passkeys.')},
    // A link by email, back to this page: the widget there redeems it (parley.js, #parley-link=…).
    {when: w => w.email, show: () => h('form', {onsubmit: act(async () => {
      await call('/sign-in/email', {email: email.value.trim(), returnUrl: location.href.split('#')[0], name: name.value.trim() || undefined});
      note.textContent = 'Check your inbox: a sign-in link is on its way to ' + email.value.trim() + '. It works once, for 20 minutes.';
    })},
      h('label', {class: 'parley-field'}, 'Your email address', email),
      h('div', {class: 'parley-buttons'}, btn('Email me a sign-in link', null, 'submit')))},
    // OpenID providers: a popup signs the reader in there and hands the session back by postMessage.
    {when: w => (w.oidc || []).length, show: w => h('div', {class: 'parley-buttons'},
      w.oidc.map(p => btn('Sign in with ' + p.label, act(() => popup(p.id)))))},
    // The newsroom's own login: its page signs the reader in and hands the widget a token (data-sso-token).
    {when: w => w.sso && w.sso.loginUrl, show: w => h('p', {}, h('a', {href: w.sso.loginUrl}, 'Sign in with your account at the newsroom'))}
  ];
  const name = h('input', {autocomplete: 'nickname', required: true, maxlength: 80});
  const email = h('input', {type: 'email', autocomplete: 'email', required: true, maxlength: 320});

  // Opens the provider's sign-in in a popup; only a message from Parley's origin and that popup is taken.
  function popup(provider) {
    const win = window.open(site + '/sign-in/oidc/' + encodeURIComponent(provider) + '/start?origin=' + encodeURIComponent(location.origin),
      'parley-sign-in', 'width=520,height=640');
    if (!win) throw Error('The sign-in window was blocked; allow pop-ups for this page and try again.');
    const origin = new URL(site).origin;
    window.addEventListener('message', function heard(e) {
      if (e.origin != origin || e.source != win || !e.data || !e.data.parleySession) return;
      window.removeEventListener('message', heard);
      keep(e.data.parleySession);
    });
  }
  const create = async n => await keep(await register(n));

  // The reader's own things: reply emails, the comments they wrote here as a guest, their data, leaving.
  function own(s) {
    const guest = (() => { try { return JSON.parse(localStorage.getItem('parley.guest')) } catch (e) { return null } })();
    const replies = h('input', {type: 'checkbox'}), digest = h('input', {type: 'checkbox'});
    const emails = h('fieldset', {hidden: true}, h('legend', {}, 'Emails'),
      h('label', {}, replies, ' Email me when someone replies to my comments'),
      h('label', {}, digest, ' One email a day instead of one per reply'));
    const save = act(async () => {
      await call('/me/notifications', {replies: replies.checked, digest: digest.checked}, s.token, 'PUT');
      note.textContent = 'Saved.';
    });
    replies.addEventListener('change', save);
    digest.addEventListener('change', save);
    call('/me/notifications', undefined, s.token).then(n => {
      replies.checked = n.replies;
      digest.checked = n.digest;
      return call('/me', undefined, s.token);
    }).then(m => { emails.hidden = !m.emailVerified }).catch(() => {});
    return [emails, h('div', {class: 'parley-buttons'},
      guest && guest.token && btn('Add my guest comments from this browser', act(async () => {
        const r = await call('/me/guest-comments', {guestToken: guest.token}, s.token);
        note.textContent = r.moved + ' comment' + (r.moved == 1 ? '' : 's') + ' added to your account.';
      })),
      btn('Download my data', act(async () => {
        const data = await call('/me/data', undefined, s.token);
        const a = h('a', {href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], {type: 'application/json'})),
          download: 'parley-data.json'});
        a.click();
      })),
      btn('Delete my account', act(async () => {
        if (!confirm('Delete your account? This cannot be undone.')) return;
        const keepComments = confirm('Keep your comments on the site, signed "Deleted user"? (Cancel removes them.)');
        await call('/me?comments=' + (keepComments ? 'keep' : 'remove'), null, s.token);
        await keep(null);
      })))];
  }

  function signedIn(s, ways) {
    return [
      h('p', {}, 'Signed in as ', h('strong', {}, s.name || 'a reader'), '.'),
      h('div', {class: 'parley-buttons'},
        ways.passkeys && window.PublicKeyCredential && btn('Add a passkey', act(async () => {
          await register(null, s.token);
          note.textContent = 'Passkey added. You can sign in with it on this site.';
        })),
        btn('Sign out', act(async () => { await call('/sessions/current', null, s.token).catch(() => {}); await keep(null) })),
        btn('Sign out everywhere', act(async () => { await call('/sessions', null, s.token); await keep(null) }))),
      ...own(s)
    ];
  }

  async function fill() {
    note = h('p', {class: 'parley-error', role: 'alert'});
    let ways = {};
    try { ways = await call('/sign-in') } catch (e) { note.textContent = e.message }
    const s = session();
    const kids = s && s.token ? signedIn(s, ways) : WAYS.filter(w => w.when(ways)).flatMap(w => w.show(ways));
    if (!kids.length) kids.push(h('p', {}, 'There is no way to sign in here yet.'));
    panel.replaceChildren(h('h3', {}, s && s.token ? 'Your account' : 'Sign in'), ...kids, note);
  }

  function toggle(open) {
    panel.hidden = !open;
    opener.setAttribute('aria-expanded', !!open);
  }

  opener.addEventListener('click', () => toggle(panel.hidden));
  panel.addEventListener('keydown', e => { if (e.key == 'Escape') { toggle(false); opener.focus() } });
  box.append(panel);
  fill().then(() => {
    toggle(true);
    const first = panel.querySelector('button, input');
    if (first) first.focus();
  });
})();
