// Form behaviour without inline handlers, which the Content-Security-Policy forbids:
// <form data-confirm="Delete it?"> asks before sending.
document.addEventListener('submit', (event) => {
  const question = event.target.getAttribute && event.target.getAttribute('data-confirm');
  if (question && !window.confirm(question)) event.preventDefault();
});
