// Fills empty time-zone fields with the browser's zone, so times mean what the person expects.
document.addEventListener('DOMContentLoaded', () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll('input[data-browser-zone]').forEach((input) => {
    if (!input.value && zone) input.value = zone;
  });
});

// Moments of sync (synced at, expiries) are the viewer's, not the task's: shown in the browser's zone, named.
// The page renders them in UTC, labelled, for a browser without scripts.
document.addEventListener('DOMContentLoaded', () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const format = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  });
  document.querySelectorAll('time[data-local-time]').forEach((time) => {
    const at = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(at.getTime())) {
      time.textContent = `${format.format(at)} (${zone})`;
    }
  });
});
