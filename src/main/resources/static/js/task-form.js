// The task form's All-day box. An all-day task has dates only: the time and duration fields are hidden and disabled
// (so not sent), and the zone, which still places the days, is hidden but sent. A zone the server marked wrong stays
// in view so it can be fixed. Without scripts every field shows, and the server ignores the times of an all-day task.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('form[data-task-form]');
  const box = form && form.querySelector('input[type=checkbox][name=allDay]');
  if (!box) return;
  const apply = () => {
    form.querySelectorAll('[data-when]').forEach((field) => {
      const timed = field.getAttribute('data-when') === 'timed';
      field.hidden = box.checked && (timed || !field.classList.contains('has-error'));
      // A task only its organizer may move has every time field locked already: leave those as they are.
      if (timed && !box.disabled) {
        field.querySelectorAll('input').forEach((input) => { input.disabled = box.checked; });
      }
    });
  };
  box.addEventListener('change', apply);
  apply();
});

// The new-task form's one-time token goes into the address, so Back after a save (which fetches the page again)
// opens the same form, and sending it again leads to the task already made instead of making another.
document.addEventListener('DOMContentLoaded', () => {
  const token = document.querySelector('form[data-task-form] input[name=formToken]');
  if (!token || !token.value || !window.history.replaceState) return;
  const address = new URL(window.location.href);
  if (address.searchParams.get('form') === token.value) return;
  address.searchParams.set('form', token.value);
  window.history.replaceState(window.history.state, '', address.toString());
});
