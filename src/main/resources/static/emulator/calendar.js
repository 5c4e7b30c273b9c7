// Switching the account shows its calendar (no inline handler: the Content-Security-Policy forbids them).
document.addEventListener('change', (event) => {
  if (event.target.matches('select[data-submit-on-change]')) event.target.form.submit();
});
