// Fills empty time-zone fields with the browser's zone, so times mean what the person expects.
document.addEventListener('DOMContentLoaded', () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll('input[data-browser-zone]').forEach((input) => {
    if (!input.value && zone) input.value = zone;
  });
});
