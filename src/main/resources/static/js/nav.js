// On a narrow screen the signed-in nav folds behind a "Menu" button (calbridge.css hides the links there once
// this script has marked the nav collapsible, so without scripts every link stays visible).
document.addEventListener('DOMContentLoaded', () => {
  const toggle = document.querySelector('header.top .nav-toggle');
  if (!toggle) {
    return;
  }
  const nav = toggle.closest('nav');
  nav.classList.add('collapsible');
  toggle.hidden = false;
  toggle.addEventListener('click', () => {
    const open = nav.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
});
