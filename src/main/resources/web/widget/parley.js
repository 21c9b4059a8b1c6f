/* Parley comment widget: vanilla JS (ES2020). The build minifies it (Closure Compiler, SIMPLE: local names only)
   and serves that copy, so comments and readable names here cost readers nothing.
   Embed: <div id="parley" data-site=".." data-page=".."></div> + this script; data-sso-token="JWT" signs the reader in
   with the newsroom's login (an empty one signs out a reader it signed in).
   Only the server's sanitized comment html goes through innerHTML; all other text uses text nodes. */
(() => {
  'use strict';
  const root = document.getElementById('parley');
  if (!root || root.dataset.parleyOn) return;
  root.dataset.parleyOn = 1;

  // The API and the stylesheet live next to this script (Parley may sit behind a path prefix).
  const me = document.currentScript || [...document.scripts].find(s => /\/widget\/parley\.js$/.test(s.src.split(/[?#]/)[0]));
  const home = (me ? me.src.split(/[?#]/)[0] : '').replace(/\/widget\/parley\.js$/, '');
  const base = home + '/api/v1';
  document.head.append(h('link', {rel: 'stylesheet', href: home + '/widget/parley.css'}));

  const enc = encodeURIComponent, d = root.dataset, key = d.page || location.pathname;
  const P = '/sites/' + enc(d.site || ''), Q = '?page=' + enc(key);
  const mem = {}, recs = new Map(); // comment id -> record {c, el, main, body, reps, ...}
  let cfg = {}, page = {}, myVotes = {}, blocks = [], bar = [], count = 0, next = null, pending = 0, seq = 0, guest, sess, guestP, ticket, last, retry = 5e3;

  // localStorage (s: sessionStorage) may be missing or throw (privacy modes): fall back to memory.
  function load(k, s) { try { const v = (s ? sessionStorage : localStorage).getItem(k); if (v != null) return v } catch (e) {} return mem[k] }
  function save(k, v, s) { mem[k] = v; try { s = s ? sessionStorage : localStorage; v == null ? s.removeItem(k) : s.setItem(k, v) } catch (e) {} }
  try { guest = JSON.parse(load('parley.guest')) } catch (e) {}
  if (!guest || !guest.token) guest = null;
  // A signed-in reader's session {id, token, name, sso}: used instead of the guest token while it lasts.
  try { sess = JSON.parse(load('parley.session')) } catch (e) {}
  const cur = () => sess || guest;
  function signedIn(x, sso) {
    sess = x && {id: x.account.id, token: x.token, name: x.account.name, sso};
    save('parley.session', x ? JSON.stringify(sess) : null);
  }

  // h('tag', {attr: value, onclick: fn}, ...children); strings become text nodes, never markup.
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

  // auth: 0 none, 1 send the guest token if we have one, 2 a write (creates the guest first).
  async function api(path, method, body, auth, again) {
    const headers = {Accept: 'application/json'}, raw = body instanceof Blob; // an image upload goes as it is
    if (body && !raw) headers['Content-Type'] = 'application/json';
    if (auth > 1 && !cur()) await newGuest();
    if (auth && cur()) headers.Authorization = 'Bearer ' + cur().token;
    let r, j;
    try {
      r = await fetch(base + path, {method: method || 'GET', headers, body: raw ? body : body ? JSON.stringify(body) : null, credentials: 'omit'});
    } catch (e) { throw Error('Could not reach the comment server. Please try again.') }
    if (r.status == 204) return {};
    try { j = await r.json() } catch (e) {}
    if (r.ok) return j;
    // A session that ended, or a guest token the server no longer knows: go on as a guest (a new one), once.
    if (r.status == 401 && auth > 1 && !again) { sess ? signedIn() : guest = null; return api(path, method, body, auth, 1) }
    throw Object.assign(Error(j && (j.detail || j.title) || 'Something went wrong (HTTP ' + r.status + ').'), {type: j && j.type});
  }
  const newGuest = () => guestP || (guestP = api(P + '/guests', 'POST', {}).then(g => {
    guest = {id: g.id, token: g.token};
    save('parley.guest', JSON.stringify(guest));
  }).finally(() => guestP = null));

  // Button/form handler that ignores repeat clicks while its request runs.
  const act = f => async e => {
    e.preventDefault();
    const b = e.currentTarget;
    if (b.getAttribute('aria-busy')) return;
    b.setAttribute('aria-busy', true);
    try { await f() } finally { b.removeAttribute('aria-busy') }
  };
  const pl = (n, w) => n + ' ' + w + (n == 1 ? '' : 's');
  const who = c => c.author && (c.author.deleted ? 'Deleted user' : c.author.name);
  const mine = c => cur() && c.author && c.author.id == cur().id;
  const BADGE = {staff: 'Staff', subscriber: 'Subscriber', author: 'Author'};
  const left = c => Date.parse(c.createdAt) + (cfg.editWindowSeconds || 0) * 1e3 - Date.now();
  const editable = c => mine(c) && /^p(ublished|ending)$/.test(c.status) && left(c) > 0;
  const hid = c => c.author && blocks.some(b => b.id == c.author.id); // by a commenter this reader blocked
  const cu = r => P + '/comments/' + enc(r.c.id);
  const get = id => { const r = id && recs.get(id); return r && r.el.isConnected ? r : null };
  const alertBox = () => h('div', {class: 'parley-error', role: 'alert'});
  const btn = (text, onclick, a) => h('button', {type: 'button', onclick, ...a}, text);
  const opener = (text, f) => btn(text, f, {'aria-expanded': 'false'});
  // Statuses shown as a one-line placeholder (replies stay below); "rejected", "pending" to all but its author.
  const GONE = {deleted: 'This comment was deleted.', blocked: 'Comment from a commenter you blocked.', rejected: 'This comment was removed by a moderator.',
    pending: 'This comment is awaiting moderation.'};
  // Every date shown, in one format of the reader's locale.
  const fmt = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'}), when = iso => fmt.format(new Date(iso));
  function ago(iso) {
    const s = (Date.now() - Date.parse(iso)) / 1e3;
    if (s < 60) return 'just now';
    if (s < 604800) {
      const [n, u] = s < 3600 ? [s / 60, 'minute'] : s < 86400 ? [s / 3600, 'hour'] : [s / 86400, 'day'];
      return pl(Math.floor(n), u) + ' ago';
    }
    return when(iso);
  }
  function announce(m) { sr.textContent = ''; setTimeout(() => sr.textContent = m, 100) }
  function setCount(n) { title.textContent = pl(count = Math.max(0, n | 0), 'comment') }

  // ---- skeleton
  root.classList.add('parley');
  const title = h('h2', {class: 'parley-title', tabindex: -1}, 'Comments');
  const sel = h('select', {onchange: reload}, ['Best', 'Newest', 'Oldest', 'Controversial'].map(s => h('option', {value: s.toLowerCase()}, s)));
  const top = h('div'), topErr = alertBox(), moreErr = alertBox();
  const list = h('div', {class: 'parley-list'}, h('p', {class: 'parley-note'}, 'Loading comments\u2026'));
  const more = h('div', {class: 'parley-more', hidden: true}, btn('Load more comments', act(loadMore)), moreErr);
  const sr = h('div', {class: 'parley-sr', 'aria-live': 'polite'});
  const notices = h('div', {class: 'parley-notices', role: 'status'});
  const blSum = h('summary'), blList = h('ul'), blErr = alertBox();
  const blBox = h('details', {class: 'parley-blocks', hidden: true}, blSum, blList, blErr);
  // "Sign in" (or the signed-in reader's name) opens the account panel, parley-account.js, loaded on the first click.
  const acct = h('div', {class: 'parley-account'});
  root.replaceChildren(h('div', {class: 'parley-head'}, title, h('label', {class: 'parley-sort'}, 'Sort by ', sel)), acct, blBox, notices, top, topErr, list, more, sr);

  // ---- one comment
  function render(c) {
    c.replyCount |= 0;
    const r = {c, shown: 0};
    r.el = h('article', {class: 'parley-comment', 'data-comment-id': c.id, tabindex: -1},
      r.main = h('div'),
      r.reps = h('div', {class: 'parley-replies'},
        r.moreEl = h('div', {class: 'parley-more'}, r.moreBtn = btn('', act(() => moreReplies(r))), r.moreErr = alertBox())));
    recs.set(c.id, r);
    fill(r);
    for (const x of c.replies || []) addReply(r, x);
    updMore(r);
    return r;
  }

  function fill(r) {
    const c = r.c, name = who(c), own = mine(c), s = c.status, gone = (!own || s == 'deleted') && GONE[s];
    r.err = alertBox();
    r.pf = 0;
    r.el.classList.toggle('parley-deleted', !!gone);
    r.el.setAttribute('aria-label', gone || 'Comment by ' + (name || 'Guest'));
    if (gone) { r.up = r.body = 0; return r.main.replaceChildren(h('p', {class: 'parley-body parley-gone'}, gone)) }
    r.body = h('div', {class: 'parley-body'});
    r.body.innerHTML = c.html || ''; // sanitized by the server
    r.im = pics(c.images, name);
    const owned = editable(c) && [r.eb = btn('Edit', act(() => edit(r))), btn('Delete', act(() => del_(r)))];
    // Hide Edit/Delete once the edit window closes (clicks re-check too: timers lag in background tabs).
    if (owned && left(c) < 2e9) setTimeout(() => owned.forEach(b => b.remove()), left(c));
    const vb = (v, sym) => btn([sym, h('span')], act(() => vote(r, v)), {class: 'parley-vote', disabled: !!own, title: own ? 'You cannot vote on your own comment' : null});
    r.main.replaceChildren(
      h('header', {class: 'parley-meta'},
        h('span', {class: name ? 'parley-author' : 'parley-author parley-guest'}, name || 'Guest'),
        c.author && (c.author.badges || []).map(b => BADGE[b] && h('span', {class: 'parley-badge parley-badge-' + b}, BADGE[b])),
        r.ft = h('span', {class: 'parley-featured', hidden: !c.featured}, 'Featured'),
        h('time', {datetime: c.createdAt, title: when(c.createdAt)}, ago(c.createdAt)),
        r.ed = h('span', {class: 'parley-edited', hidden: !c.editedAt}, '(edited)'),
        s != 'published' && h('span', {class: 'parley-pending'}, s == 'rejected' ? 'Not published' : 'Awaiting moderation')),
      r.body,
      r.im || '',
      h('div', {class: 'parley-actions'},
        page.open !== false && !bar.length && s == 'published' && (r.rb = opener('Reply', () => reply(r))),
        r.up = vb(1, '\u25B2 '), r.down = vb(-1, '\u25BC '), owned,
        s == 'published' && !own && c.author && h('span', {class: 'parley-tools'},
          r.repB = opener('Report', () => report(r)),
          r.blB = opener('Block ' + (name || 'this guest'), () => block(r)))),
      r.st = h('p', {class: 'parley-st', role: 'status'}, c.note), // the moderators' note, a report's receipt
      r.err);
    counts(r);
  }

  // Lazy images keep their space (scaled to fit 560 x 420) so nothing jumps; a click opens the full size.
  function pics(im, name) {
    return im && im.length ? h('ul', {class: 'parley-images'}, im.map(i => {
      const k = Math.min(1, 560 / i.width, 420 / i.height);
      return h('li', {}, h('a', {href: home + i.url, target: '_blank', rel: 'noopener'},
        h('img', {src: home + i.url, width: Math.round(i.width * k), height: Math.round(i.height * k), loading: 'lazy',
          alt: i.alt || 'Image from ' + (name || 'a guest')})));
    })) : null;
  }

  function counts(r) {
    const c = r.c, m = myVotes[c.id];
    if (!r.up) return;
    [[r.up, 1, c.up, 'Upvote'], [r.down, -1, c.down, 'Downvote']].forEach(([b, v, n, w]) => {
      b.lastChild.textContent = n |= 0;
      b.setAttribute('aria-pressed', m == v);
      b.setAttribute('aria-label', w + ', ' + pl(n, 'vote'));
    });
  }

  function updMore(r) {
    const n = r.c.replyCount - r.shown;
    r.moreEl.hidden = !r.c.moreReplies;
    r.moreBtn.textContent = 'Show more replies' + (n > 0 ? ' (' + n + ')' : '');
  }

  // Fetched replies go before any reply that arrived live (those are newer); duplicates are skipped.
  function addReply(p, c) {
    if (get(c.id)) return;
    const r = render(c);
    p.reps.insertBefore(r.el, [...p.reps.children].find(e => e.live) || p.moreEl);
    p.shown++;
    return r.el;
  }

  // A new comment (ours or live): a reply goes last under its parent; top-level first, or last when sorted
  // oldest first and the last page is loaded (else Load more brings it; our own shows first, to be seen).
  function place(c, own) {
    const p = get(c.parentId), old = !c.parentId && sel.value == 'oldest';
    if (c.parentId && !p || old && next && !own) return;
    const r = render(c);
    r.el.live = 1;
    if (p) { p.c.replyCount++; p.shown++; p.reps.insertBefore(r.el, p.moreEl); updMore(p) }
    else old && !next ? list.append(r.el) : list.prepend(r.el);
    return r;
  }

  // Gone from public view (st: deleted, rejected, pending): a placeholder when it has replies, else removed.
  function drop(r, ph, st) {
    if (!r.el.isConnected) return; // already removed: the live event and our DELETE's answer both call this
    if (r.c.status == 'published') setCount(count - 1); // placeholders and held comments are not counted
    r.c.status = st || 'deleted';
    if (ph) return fill(r);
    const p = get(r.c.parentId);
    if (p) { p.shown--; p.c.replyCount--; updMore(p) }
    r.el.remove();
  }

  // ---- forms
  // A draft lives until sent or discarded (Esc only collapses its form), kept per tab across reloads
  // by site, page and slot (top, r<parent>, e<comment>).
  function form(label, text, submit, done, cancel, named, slot) {
    const dk = ['parley.draft', d.site, key, slot].join('|');
    const ta = h('textarea', {rows: 4, required: true, maxlength: cfg.maxCommentLength, oninput: () => save(dk, ta.value, 1)});
    const nm = named && !sess && h('input', {autocomplete: 'nickname', placeholder: 'Guest'});
    const err = alertBox();
    const nb = h('div', {class: 'parley-nudge', role: 'status', tabindex: -1, hidden: true});
    const ims = named && cfg.imagesPerComment > 0 && attach(ta, err);
    const f = h('form', {class: 'parley-form',
      onsubmit: act(async () => {
        err.textContent = '';
        try {
          if (named && ta.value.trim() && !(await check(f, ta.value).catch(() => 1))) return;
          await done(ta.value, nm ? nm.value.trim() : load('parley.name') || '', ims ? ims.list() : []);
          reset('');
        } catch (e) {
          err.textContent = e.message;
          if (/banned|suspended/.test(e.type)) notes();
        }
      }),
      onkeydown: e => {
        if (e.key == 'Escape' && cancel) { e.preventDefault(); cancel(1) }
        else if (e.key == 'Enter' && (e.ctrlKey || e.metaKey)) f.requestSubmit();
      }},
      nm && h('label', {class: 'parley-field'}, 'Name (optional)', nm),
      named && sess && h('p', {class: 'parley-field'}, 'Commenting as ', h('b', {}, sess.name)),
      h('label', {class: 'parley-field'}, label, ta),
      ims && ims.el,
      nb,
      h('div', {class: 'parley-buttons'}, h('button', {type: 'submit'}, submit),
        btn('Discard', () => (ta.value == text || confirm('Discard this draft?')) && (reset(text), cancel ? cancel(1, 1) : ta.focus()))),
      err);
    const reset = t => { ta.value = t; save(dk, null, 1); f.anyway = 0; f.nudged = null; nb.hidden = true; ims && ims.clear() };
    ta.value = load(dk, 1) ?? text;
    if (nm) nm.value = load('parley.name') || '';
    f.ta = ta;
    f.nb = nb;
    return f;
  }

  // Images for a new comment: picked or pasted, uploaded at once (the server checks and re-encodes them),
  // previewed as stored, each with its alt text and a remove button.
  function attach(ta, err) {
    const got = [], box = h('ul', {class: 'parley-images parley-picked'});
    const pick = h('input', {type: 'file', accept: 'image/jpeg,image/png,image/gif,image/webp', multiple: true, class: 'parley-file',
      onchange: () => { add([...pick.files]); pick.value = '' }});
    const sync = () => { ta.required = !got.length; lab.hidden = got.length >= cfg.imagesPerComment };
    async function add(files) {
      err.textContent = '';
      for (const file of files) {
        if (got.length >= cfg.imagesPerComment) return err.textContent = 'A comment may show up to ' + pl(cfg.imagesPerComment, 'image') + '.';
        if (file.size > cfg.maxImageBytes) return err.textContent = file.name + ' is larger than ' + (cfg.maxImageBytes >> 20) + ' MB.';
        try {
          const x = await api(P + '/images', 'POST', file, 2), t = x.thumb, it = {id: x.id};
          const alt = h('input', {oninput: () => it.alt = alt.value.trim(), maxlength: 500});
          const li = h('li', {}, h('img', {src: home + t.url, width: t.width, height: t.height, alt: ''}),
            h('label', {class: 'parley-field'}, 'Describe the image', alt),
            btn('Remove image', () => { got.splice(got.indexOf(it), 1); li.remove(); sync(); ta.focus() }));
          got.push(it);
          box.append(li);
          sync();
          announce('Image added');
        } catch (e) { err.textContent = e.message }
      }
    }
    ta.addEventListener('paste', e => {
      const files = [...(e.clipboardData || {}).files || []].filter(x => /^image\//.test(x.type));
      if (files.length) { e.preventDefault(); add(files) }
    });
    const lab = h('label', {class: 'parley-attach'}, 'Add image', pick);
    return {el: h('div', {}, box, lab), list: () => got.map(x => ({id: x.id, alt: x.alt || null})),
      clear: () => { got.length = 0; box.replaceChildren(); sync() }};
  }

  // Text that may read as abusive is shown back with what drove the score; the writer edits it or
  // posts anyway, and the server is told which (a moderation metric).
  async function check(f, text) {
    if (f.anyway) return 1;
    if (f.nudged != null) { if (text == f.nudged) return 0; f.nudged = null; outcome('edited') }
    const a = await api(P + '/assessments', 'POST', {page: key, body: text}, 2);
    if (!a.reconsider) return 1;
    f.nudged = text;
    const q = h('p', {class: 'parley-quote'});
    let at = 0;
    for (const x of a.spans.slice().sort((x, y) => x.start - y.start)) {
      if (x.start >= at) { q.append(text.slice(at, x.start), h('mark', {}, text.slice(x.start, x.end))); at = x.end }
    }
    q.append(text.slice(at));
    f.nb.replaceChildren(h('p', {}, a.message), q,
      btn('Post anyway', () => { f.anyway = 1; outcome('posted-anyway'); f.requestSubmit() }));
    f.nb.hidden = false;
    f.nb.focus();
    return 0;
  }
  const outcome = o => api(P + '/nudges', 'POST', {outcome: o}, 2).catch(() => {});

  async function post(body, name, parentId, images) {
    save('parley.name', name);
    pending++;
    let c;
    try {
      c = await api(P + '/comments', 'POST', {page: key, parentId, body, images, name: name || null,
        pageTitle: d.title || undefined, pageUrl: d.url || location.href}, 2);
    } finally { pending-- }
    let r = get(c.id);
    if (!r) { if (c.status == 'published') setCount(count + 1); r = place(c, 1) }
    if (r) r.el.focus();
    announce(c.note || 'Comment posted'); // e.g. held for a moderator
  }

  function reply(r) {
    if (r.rf && r.rf.isConnected) return r.rf.ta.focus();
    const close = (back, gone) => { r.rf.remove(); gone && (r.rf = 0); r.rb.setAttribute('aria-expanded', false); back && r.rb.focus() };
    r.rf = r.rf || form('Reply to ' + (who(r.c) || 'Guest'), '', 'Post reply', async (t, n, im) => { await post(t, n, r.c.id, im); close(0, 1) },
      close, 1, 'r' + r.c.id);
    r.reps.before(r.rf);
    r.rb.setAttribute('aria-expanded', true);
    r.rf.ta.focus();
  }

  // Re-check the edit window on click: the page may have been open (or asleep) for a while.
  function late(r) {
    if (editable(r.c)) return;
    fill(r);
    r.el.focus();
    return r.err.textContent = 'The time to edit or delete this comment is over.';
  }

  // A screened edit may come back held (pending, with a note).
  async function edit(r) {
    if (late(r)) return;
    if (r.ef && r.ef.isConnected) return r.ef.ta.focus();
    r.err.textContent = '';
    if (!r.ef) {
      let x;
      try { x = await api(cu(r), 0, 0, 1) } catch (e) { return r.err.textContent = e.message }
      const close = (back, gone) => { r.ef.remove(); gone && (r.ef = 0); r.body.hidden = false; back && r.eb.focus() };
      r.ef = form('Edit your comment', x.markdown ?? r.body.textContent, 'Save', async t => {
        const c = await api(cu(r), 'PATCH', {body: t}, 2), was = r.c.status;
        r.ef = 0;
        for (const k of ['html', 'editedAt', 'status', 'note']) r.c[k] = c[k];
        if (was != c.status) setCount(count + (c.status == 'published' ? 1 : -1));
        fill(r);
        r.el.focus();
        announce(c.note || 'Comment updated');
      }, close, 0, 'e' + r.c.id);
    }
    r.body.hidden = true;
    r.body.after(r.ef);
    r.ef.ta.focus();
  }

  async function del_(r) {
    if (late(r) || !confirm('Delete this comment?')) return;
    r.err.textContent = '';
    try { await api(cu(r), 'DELETE', 0, 2) } catch (e) { return r.err.textContent = e.message }
    const ph = r.c.replyCount + r.shown > 0;
    drop(r, ph);
    (ph ? r.el : title).focus();
    announce('Comment deleted');
  }

  async function vote(r, v) {
    r.err.textContent = '';
    try {
      const x = await api(cu(r) + '/vote', 'PUT', {value: myVotes[r.c.id] == v ? 0 : v}, 2);
      r.c.up = x.up; r.c.down = x.down; myVotes[r.c.id] = x.myVote;
      counts(r);
    } catch (e) { r.err.textContent = e.message }
  }

  // ---- reporting and blocking
  // A small form under a comment's buttons, opened by button b; Cancel or Esc closes it, focus back on b.
  function panel(r, b, label, ok, kids, send, why) {
    if (r.pf) { if (r.pf.b == b) return r.pf.elements[0].focus(); r.pf.x() }
    const err = alertBox(), id = 'parley-why-' + r.c.id;
    const x = back => { f.remove(); r.pf = 0; b.setAttribute('aria-expanded', false); back && b.focus() };
    const f = r.pf = h('form', {class: 'parley-form parley-panel', 'aria-label': label,
      onsubmit: act(async () => { err.textContent = ''; try { await send(x) } catch (e) { err.textContent = e.message } }),
      onkeydown: e => { if (e.key == 'Escape') { e.preventDefault(); x(1) } }},
      kids, why && h('p', {id}, why),
      h('div', {class: 'parley-buttons'}, h('button', {type: 'submit', 'aria-describedby': why && id}, ok), btn('Cancel', () => x(1))),
      err);
    f.b = b; f.x = x;
    r.st.before(f);
    b.setAttribute('aria-expanded', true);
    f.elements[0].focus();
  }

  function report(r) {
    const why = h('select', {required: true}, h('option', {value: ''}, 'Choose a reason'),
      ['abuse', 'hate', 'spam', 'off-topic', 'misinformation', 'other'].map(v => h('option', {value: v}, v[0].toUpperCase() + v.slice(1))));
    const note = h('textarea', {rows: 2, maxlength: 1000});
    panel(r, r.repB, 'Report this comment', 'Send report', [
      h('label', {class: 'parley-field'}, 'What is wrong with it?', why),
      h('label', {class: 'parley-field'}, 'Note for the moderators (optional)', note)
    ], async x => {
      const y = await api(cu(r) + '/reports', 'POST', {reason: why.value, note: note.value.trim() || null}, 2);
      x(1);
      r.st.textContent = y.message;
    });
  }

  function block(r) {
    const n = who(r.c) || 'this guest';
    panel(r, r.blB, 'Block ' + n, 'Block', [], async () => {
      const b = await api(P + '/blocks', 'POST', {commentId: r.c.id}, 2);
      blocks = [b, ...blocks.filter(x => x.id != b.id)];
      await blocked('You blocked ' + n + '. Their comments are hidden.');
    }, `You will no longer see comments by ${n}. They will not be told, and you can unblock them at any time.`);
  }

  async function unblock(b) {
    blErr.textContent = '';
    try { await api(P + '/blocks/' + enc(b.id), 'DELETE', 0, 2) } catch (e) { return blErr.textContent = e.message }
    blocks = blocks.filter(x => x != b);
    await blocked('You unblocked ' + (b.name || 'a guest') + '. Their comments are shown again.', 1);
  }

  // The block list changed: show it, reload the thread as the server now shows it to this reader.
  async function blocked(m, un) {
    showBlocks();
    await reload();
    (un && blocks.length ? blSum : title).focus();
    announce(m);
  }

  function showBlocks() {
    blBox.hidden = !blocks.length;
    blSum.textContent = `Blocked commenters (${blocks.length})`;
    blList.replaceChildren(...blocks.map(b => h('li', {}, b.name || 'A guest', ' ',
      btn('Unblock', act(() => unblock(b)), {'aria-label': 'Unblock ' + (b.name || 'this guest')}))));
  }

  // A ban or suspension (bar) replaces the comment form and Reply buttons; one of another section does not.
  function showNotices(x) {
    const all = x.notices || [];
    bar = all.filter(n => n.kind != 'warning' && (n.section == null || n.section == page.section));
    notices.replaceChildren(...all.filter(n => n.kind == 'warning').map(n => h('p', {}, 'A moderator warned you: ', n.message)));
  }
  async function notes() {
    showNotices(await api(P + '/notices', 0, 0, 1).catch(() => ({})));
    topForm();
    reload();
  }

  // ---- loading
  // Reads send the guest token: the server answers with this reader's view (blocks, own held comments).
  const thread = after => api(`${P}/thread${Q}&sort=${sel.value}` + (after ? '&after=' + enc(after) : ''), 0, 0, 1);

  function show(x, reset) {
    if (reset) { list.replaceChildren(); recs.clear() }
    let first;
    for (const c of x.comments || []) if (!get(c.id)) { const el = render(c).el; list.append(el); first = first || el }
    next = x.next;
    more.hidden = !next;
    if (x.page) setCount((page = x.page).commentCount);
    return first;
  }

  async function loadMore() {
    moreErr.textContent = '';
    try { const f = show(await thread(next)); if (!next && f) f.focus() } catch (e) { moreErr.textContent = e.message }
  }

  async function moreReplies(r) {
    r.moreErr.textContent = '';
    try {
      const x = await api(`${cu(r)}/replies?after=${enc(r.c.moreReplies)}`, 0, 0, 1);
      let f;
      for (const c of x.comments || []) { const el = addReply(r, c); f = f || el }
      r.c.moreReplies = x.next;
      updMore(r);
      if (!x.next && f) f.focus();
    } catch (e) { r.moreErr.textContent = e.message }
  }

  async function reload() {
    const t = ++seq;
    topErr.textContent = '';
    list.setAttribute('aria-busy', true);
    try { const x = await thread(); if (t == seq) show(x, 1) } catch (e) { if (t == seq) topErr.textContent = e.message }
    list.removeAttribute('aria-busy');
  }

  function topForm() {
    top.replaceChildren(...page.open === false ? [h('p', {class: 'parley-closed'}, 'Comments are closed.')]
      : bar.length ? bar.map(n => h('p', {class: 'parley-barred', role: 'status'}, n.kind == 'ban'
        ? 'You can no longer comment here. ' : 'You can comment again after ' + when(n.until) + '. ', "The moderators' message: ", n.message))
      : [form('Comment', '', 'Post comment', (t, n, im) => post(t, n, null, im), null, 1, 'top')]);
  }

  // A sign-in link from an email leads back here with its token in the address's fragment: redeem it once, and
  // take it out of the address bar (and of history) at once.
  async function emailLink() {
    const m = /[#&]parley-link=([\w-]+)/.exec(location.hash);
    if (!m) return;
    history.replaceState(history.state, '', location.href.split('#')[0]);
    try { signedIn(await api(P + '/sign-in/email/verify', 'POST', {token: m[1], guestToken: (guest || {}).token})) }
    catch (e) { topErr.textContent = e.message }
  }

  // The host page's word on who is signed in with the newsroom: a new token signs in (ending the session it
  // replaces), an empty one signs out a reader it had signed in. A refused token leaves the reader a guest.
  async function sso() {
    const t = d.ssoToken, old = sess;
    if (t == null || t == load('parley.sso', 1)) return;
    save('parley.sso', t, 1);
    const x = t && await api(P + '/sign-in/sso', 'POST', {token: t, guestToken: (guest || {}).token}).catch(() => 0);
    if (x) signedIn(x, 1);
    else if (!t && sess && sess.sso) signedIn();
    if (old && old != sess) fetch(base + P + '/sessions/current', {method: 'DELETE', headers: {Authorization: 'Bearer ' + old.token}}).catch(() => 0);
  }

  async function init() {
    topErr.textContent = '';
    try {
      await emailLink();
      await sso();
      const mayGet = p => cur() ? api(P + p, 0, 0, 1).catch(() => ({})) : {};
      const [x, v, b, n] = await Promise.all([thread(), mayGet('/my-votes' + Q), mayGet('/blocks'), mayGet('/notices')]);
      myVotes = v.votes || {};
      blocks = b.blocks || [];
      ticket = b.liveTicket;
      showBlocks();
      cfg = x.site || {};
      page = x.page || {};
      showNotices(n);
      topForm();
      show(x, 1);
      live(x.version);
      const w = await api(P + '/sign-in').catch(() => ({}));
      if (w.sso || w.email || w.passkeys || (w.oidc || []).length) acct.replaceChildren(btn(sess ? sess.name : 'Sign in',
        () => acct.js || document.head.append(acct.js = h('script', {src: home + '/widget/parley-account.js'}))));
    } catch (e) {
      topErr.textContent = e.message;
      list.replaceChildren(btn('Try again', init));
    }
  }

  // ---- live updates
  // Content inserted above the viewport must not move what the reader is looking at.
  function keep(fn) {
    const a = [...root.querySelectorAll('.parley-comment')].find(e => e.getBoundingClientRect().top >= 0);
    const y = () => a ? a.getBoundingClientRect().top : root.getBoundingClientRect().bottom, y0 = y(), el = fn();
    if (!(el && el.isConnected && el.getBoundingClientRect().top >= 0) && (!a || a.isConnected)) scrollBy(0, y() - y0);
  }

  // since= resumes from the version we rendered (nothing is lost in between); with blocks, a ticket
  // from the block list has the server leave the blocked commenters out too.
  function live(v) {
    if (!window.EventSource) return;
    const es = new EventSource(base + P + '/live' + Q + (v != null ? '&since=' + v : '') + (blocks.length && ticket ? '&viewer=' + enc(ticket) : ''));
    const on = (n, f) => es.addEventListener(n, e => { let x; last = e.lastEventId || last; try { x = JSON.parse(e.data) } catch (_) { return } f(x) });
    // Refused (old ticket, full node): retry with a new ticket, waits doubling to 1 min.
    es.onopen = () => retry = 5e3;
    es.onerror = () => es.readyState == 2 && setTimeout(async () => {
      ticket = (await api(P + '/blocks', 0, 0, 1).catch(() => ({}))).liveTicket;
      live(last ?? v);
    }, (retry = Math.min(retry * 2, 6e4)) * (.5 + Math.random() / 2));
    on('posted', c => {
      // post() places our own post when its response arrives; a placeholder we show is filled in.
      const o = get(c.id);
      if (o) return o.body || (setCount(count + 1), keep(() => (o.c = {...c, moreReplies: o.c.moreReplies}, fill(o), o.el)));
      if (pending && mine(c) || hid(c)) return;
      setCount(count + 1);
      let r;
      keep(() => (r = place(c)) && r.el);
      if (!r) return;
      r.el.classList.add('parley-new');
      setTimeout(() => r.el.classList.remove('parley-new'), 5e3);
      announce('New comment by ' + (who(c) || 'Guest'));
    });
    on('edited', c => {
      const r = get(c.id);
      if (r && r.body && !hid(c)) keep(() => {
        r.c.html = r.body.innerHTML = c.html;
        r.ed.hidden = !(r.c.editedAt = c.editedAt);
        r.ft.hidden = !(r.c.featured = c.featured); // moderators featuring a comment also sends "edited"
        let im = pics(r.c.images = c.images, who(c)); // ... and so does removing an image
        r.im ? r.im.replaceWith(im || (im = h('span'))) : r.body.after(im || (im = h('span')));
        r.im = im;
        return r.el;
      });
    });
    // Our own comment held after an edit stays (edit() shows it held).
    on('deleted', x => { const r = get(x.id); if (r && !(x.status == 'pending' && mine(r.c))) keep(() => (drop(r, x.placeholder, x.status), r.el)) });
    // The page was closed/reopened or retitled ("reset": too much missed, reload). Its count is the
    // public one; with a block list ours stays (a reload brings the right one).
    on('page', x => { const o = page.open; page = x; setCount(blocks.length ? count : x.commentCount ?? count); if (x.open != o) { topForm(); reload() } });
    on('reset', reload);
    on('voted', x => { const r = get(x.id); if (r) { r.c.up = x.up; r.c.down = x.down; counts(r) } });
  }

  setInterval(() => root.querySelectorAll('.parley-meta time').forEach(t => t.textContent = ago(t.dateTime)), 6e4);
  init();
  // A sign-in link pasted into this tab changes only the fragment: no reload, so redeem it here.
  addEventListener('hashchange', () => /parley-link=/.test(location.hash) && emailLink().then(() => location.reload()));
})();
