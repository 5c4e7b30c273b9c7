// Keeps each connection's progress bar current while tasks are on their way to Google Calendar, and says why any
// wait (auto-sync off, a connection to renew): a number waiting is never shown without its reason.
document.querySelectorAll('.sync-progress[data-progress-url]').forEach((box) => {
  const show = (p) => {
    const done = p.synced || 0;
    box.querySelector('progress').max = Math.max(p.total, 1);
    box.querySelector('progress').value = done;
    box.querySelector('.synced').textContent = done;
    box.querySelector('.total').textContent = p.total;
    const sending = p.sending ?? p.pending;
    box.querySelector('.pending').textContent = sending
      ? ` · ${sending} on their way${p.lastError ? ` (last try: ${p.lastError})` : ''}` : '';
    box.querySelector('.waiting').textContent = p.waiting ? ` · ${p.waiting} waiting: ${p.waitingReason}` : '';
    box.querySelector('.failed').textContent = p.failed ? ` · ${p.failed} failed` : '';
    return sending > 0;
  };
  const poll = () => fetch(box.dataset.progressUrl, { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
    .then((p) => setTimeout(poll, show(p) ? 1000 : 5000))
    .catch(() => setTimeout(poll, 10000));
  poll();
});

// The import line: "reading…" while the import calendar is read, then what came in (or that it is empty).
document.querySelectorAll('.import-status[data-import-url]').forEach((line) => {
  const poll = () => fetch(line.dataset.importUrl, { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
    .then((s) => {
      line.textContent = s.message || '';
      if (s.state === 'reading') setTimeout(poll, 1000);
    })
    .catch(() => setTimeout(poll, 10000));
  poll();
});
