// Fills empty time-zone fields with the browser's zone, so times mean what the person expects.
document.addEventListener('DOMContentLoaded', () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll('input[data-browser-zone]').forEach((input) => {
    if (!input.value && zone) input.value = zone;
  });
});

// Moments of sync (synced at, expiries) are the viewer's, not the task's: shown in the browser's zone, named.
// The page renders them in UTC, labelled, for a browser without scripts; parts htmx swaps in later are shown alike.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const format = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  });
  // data-local-time="seconds": a log, where several entries share a minute.
  const withSeconds = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hour12: false,
  });
  const showLocalTimes = (root) => root.querySelectorAll('time[data-local-time]').forEach((time) => {
    const at = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(at.getTime())) {
      const shown = time.dataset.localTime === 'seconds' ? withSeconds : format;
      time.textContent = `${shown.format(at)} (${zone})`;
    }
  });
  document.addEventListener('DOMContentLoaded', () => showLocalTimes(document));
  document.addEventListener('htmx:load', (event) => showLocalTimes(event.detail.elt));
})();

// The task list opens at the browser's today: the zone goes with every request, for the first look at a page too.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) document.cookie = `zone=${encodeURIComponent(zone)}; path=/; max-age=31536000; SameSite=Lax`;
})();
