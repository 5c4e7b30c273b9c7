// Form behaviour without inline handlers, which the Content-Security-Policy forbids:
// <form data-confirm="Delete it?"> asks before sending, unless the chosen option leads to a page that asks
// itself (an input marked data-confirmed-later, such as "remove the events", whose next page states the counts).
document.addEventListener('submit', (event) => {
  const form = event.target;
  const question = form.getAttribute && form.getAttribute('data-confirm');
  if (!question || form.querySelector('input[data-confirmed-later]:checked')) return;
  if (!window.confirm(question)) event.preventDefault();
});
