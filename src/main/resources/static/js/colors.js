// Task colours on Settings -> Calendar: while a colour is picked, show which of Google's eleven event colours the
// events will take (the nearest by RGB distance, as CalBridge computes it when it writes the event).
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('form.task-colors').forEach((form) => {
    const palette = [...form.querySelectorAll('.google-palette li')].map((li) => ({
      hex: li.dataset.hex, name: li.dataset.name, rgb: rgb(li.dataset.hex),
    }));
    form.querySelectorAll('.color-choice').forEach((choice) => {
      const input = choice.querySelector('input[type=color]');
      const swatch = choice.querySelector('.swatch');
      const name = choice.querySelector('.google-color-name');
      swatch.style.background = swatch.dataset.hex;
      input.addEventListener('input', () => {
        const picked = rgb(input.value);
        const nearest = palette.reduce((best, color) => (distance(picked, color.rgb) < distance(picked, best.rgb) ? color : best));
        swatch.style.background = nearest.hex;
        name.textContent = nearest.name;
      });
    });
  });

  function rgb(hex) {
    const value = parseInt(hex.slice(1), 16);
    return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
  }

  function distance(a, b) {
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
  }
});
