// Keeps each connection's progress bar current while tasks are on their way to Google Calendar.
document.querySelectorAll('.sync-progress[data-progress-url]').forEach((box) => {
  const show = (p) => {
    const done = p.synced || 0;
    box.querySelector('progress').max = Math.max(p.total, 1);
    box.querySelector('progress').value = done;
    box.querySelector('.synced').textContent = done;
    box.querySelector('.total').textContent = p.total;
    box.querySelector('.pending').textContent = p.pending ? ` · ${p.pending} waiting` : '';
    box.querySelector('.failed').textContent = p.failed ? ` · ${p.failed} failed` : '';
    return p.pending > 0;
  };
  const poll = () => fetch(box.dataset.progressUrl, { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
    .then((p) => setTimeout(poll, show(p) ? 1000 : 5000))
    .catch(() => setTimeout(poll, 10000));
  poll();
});
