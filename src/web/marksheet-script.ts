/**
 * The marksheet's progressive enhancement, served as `/assets/marksheet.js` (the pages allow script
 * only from the site). Without it the page is a plain form that saves on "Save". With it, as seed
 * 001 describes: Tab moves down to the next candidate in the same column, a cell saves when it is
 * left and turns green when accepted or shows the reason in red beside it; `a` becomes `A` after a
 * confirmation, `c`/`cf` becomes `CF`; an empty teacher-initials cell takes the last initials typed.
 * Saves of one row go one after another, so each carries the row version the last one returned.
 */
export const MARKSHEET_JS = `(() => {
  const form = document.getElementById('marksheet');
  if (!form || !window.fetch) return;
  const CELLS = 'input.mark, input.initials';
  const queues = new Map();
  let lastInitials = '';
  const columnOf = (el) => [...el.classList].find((c) => c.startsWith('col-'));

  form.addEventListener('keydown', (e) => {
    const el = e.target;
    if (e.key !== 'Tab' || e.shiftKey || !el.matches(CELLS)) return;
    const next = el.closest('tr').nextElementSibling?.querySelector('input.' + columnOf(el));
    if (!next) return;
    e.preventDefault();
    next.focus();
    next.select();
  });

  form.addEventListener('focusin', (e) => {
    const el = e.target;
    if (el.matches('input.initials') && el.value === '' && lastInitials) el.value = lastInitials;
  });

  form.addEventListener('focusout', (e) => {
    const el = e.target;
    if (!el.matches(CELLS)) return;
    const value = el.value.trim();
    if (el.matches('input.initials')) {
      el.value = value.toUpperCase();
      if (el.value) lastInitials = el.value;
    } else if (/^a$/i.test(value)) {
      el.value = 'A';
      if (el.dataset.saved !== 'A' && !window.confirm(form.dataset.confirmAbsent)) {
        el.value = el.dataset.saved;
        return;
      }
    } else if (/^(c|cf)$/i.test(value)) el.value = 'CF';
    if (el.value === el.dataset.saved) return;
    const tr = el.closest('tr');
    const before = queues.get(tr) || Promise.resolve();
    queues.set(tr, before.then(() => save(tr, el)));
  });

  function show(el, result) {
    const error = document.getElementById(el.id + '-error');
    el.classList.toggle('cell--ok', result.ok);
    el.classList.toggle('cell--bad', !result.ok);
    if (result.ok) {
      el.dataset.saved = el.value;
      el.removeAttribute('aria-invalid');
      el.removeAttribute('aria-describedby');
      error.textContent = '';
    } else {
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', error.id);
      error.textContent = result.message;
    }
  }

  async function save(tr, el) {
    const version = tr.querySelector('input[type=hidden]');
    const body = new URLSearchParams();
    body.set('_csrf', form.querySelector('input[name=_csrf]').value);
    body.set(version.name, version.value);
    body.set(el.name, el.value);
    try {
      const res = await fetch(form.action, { method: 'POST', body, headers: { accept: 'application/json' } });
      const answer = await res.json();
      if (!res.ok) return show(el, { ok: false, message: answer.error?.message || form.dataset.savingFailed });
      for (const row of answer.rows) {
        if (row.candidate_number !== tr.dataset.candidate) continue;
        version.value = String(row.version);
        tr.querySelector('[data-total]').textContent = row.total ?? '';
      }
      show(el, answer.cells[el.id] || { ok: true });
    } catch {
      show(el, { ok: false, message: form.dataset.savingFailed });
    }
  }
})();
`;
