// Parley moderation dashboard: keyboard shortcuts and focus after actions. Plain forms do all the work;
// without this file every page still works, only slower to drive from the keyboard.
(() => {
  'use strict';

  const page = document.body.dataset.page;
  const dialog = document.getElementById('shortcuts');

  /** True while the person is typing, when a letter must stay a letter. */
  const typing = (el) => {
    if (!el || !el.tagName) return false;
    if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
    return el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type);
  };

  // ---- a queue: rows are cases; each row's "Open case" link is what j/k focus.
  const rows = () => Array.from(document.querySelectorAll('tr[data-case]'));
  const currentRow = () => document.activeElement && document.activeElement.closest('tr[data-case]');
  const focusRow = (row) => {
    if (!row) return;
    row.querySelector('a.open').focus();
    row.scrollIntoView({ block: 'nearest' });
  };
  const move = (step) => {
    const all = rows();
    if (all.length === 0) return;
    const at = all.indexOf(currentRow());
    const to = at < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, at + step));
    focusRow(all[to]);
  };
  const checkbox = (row) => row && row.querySelector('input[type=checkbox]');

  const queueKeys = {
    j: () => move(1),
    k: () => move(-1),
    x: () => {
      const box = checkbox(currentRow());
      if (box) box.checked = !box.checked;
    },
    o: () => {
      const row = currentRow();
      if (row) row.querySelector('a.open').click();
    },
    a: () => {
      const row = currentRow();
      const approve = row && row.querySelector('[data-approve]');
      if (approve) approve.click();
    },
    r: () => {
      const reason = document.getElementById('reason');
      if (!reason) return;
      const box = checkbox(currentRow());
      if (box && !document.querySelector('tr[data-case] input[type=checkbox]:checked')) box.checked = true;
      reason.focus();
    },
  };

  // ---- a case: its forms and the queue around it.
  const focusById = (id) => {
    const el = document.getElementById(id);
    if (el) el.focus();
  };
  const follow = (id) => {
    const link = document.getElementById(id);
    if (link) link.click();
  };
  const caseKeys = {
    a: () => {
      const form = document.getElementById('approve-form');
      if (form) form.requestSubmit(document.getElementById('approve-button'));
    },
    r: () => focusById('reject-reason'),
    s: () => focusById('suspend-duration'),
    n: () => follow('next-case'),
    p: () => follow('previous-case'),
  };

  const showShortcuts = () => {
    if (dialog && !dialog.open) dialog.showModal();
  };

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (dialog && dialog.open) return; // Esc and the Close button belong to the dialog
    const target = event.target;
    if (event.key === 'Enter' && page === 'queue' && target.matches && target.matches('tr[data-case] input[type=checkbox]')) {
      event.preventDefault(); // Enter on a case's checkbox opens the case rather than submitting the bulk form
      queueKeys.o();
      return;
    }
    if (typing(target)) return;
    if (event.key === '?') {
      event.preventDefault();
      showShortcuts();
      return;
    }
    const keys = page === 'queue' ? queueKeys : page === 'case' ? caseKeys : {};
    const action = Object.prototype.hasOwnProperty.call(keys, event.key) ? keys[event.key] : null;
    if (action) {
      event.preventDefault();
      action();
    }
  });

  const button = document.querySelector('[data-shortcuts]');
  if (button) {
    button.hidden = false;
    button.addEventListener('click', showShortcuts);
  }

  // After an action the server names the case to continue with (#case-…); the browser only scrolls there.
  const landing = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (target && target.matches('a.open')) {
      target.focus();
    } else if (page === 'queue' && new URLSearchParams(location.search).has('done') && !document.querySelector('[autofocus]')) {
      const first = rows()[0];
      if (first) focusRow(first);
      else focusById('main');
    }
  };
  landing();
})();
