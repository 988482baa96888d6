// Shared post (a unit's tablet): the on-screen keypad of the personal code, and the lock after idle time
// (<body data-poste-verrouillage="seconds">, set by the layout on a shared post). No framework.
(function () {
  'use strict';
  document.addEventListener('click', function (ev) {
    var b = ev.target instanceof Element ? ev.target.closest('.poste-clavier button[type=button]') : null;
    if (!b) return;
    var clavier = b.closest('.poste-clavier');
    var champ = document.getElementById(clavier.getAttribute('data-pour'));
    if (!champ) return;
    if (b.hasAttribute('data-effacer')) champ.value = champ.value.slice(0, -1);
    else if (champ.value.length < 6) champ.value += b.getAttribute('data-chiffre');
    champ.focus();
  });

  document.addEventListener('DOMContentLoaded', function () {
    var secondes = parseInt(document.body.getAttribute('data-poste-verrouillage') || '', 10);
    var form = document.getElementById('poste-verrouiller');
    if (!secondes || !form) return;
    var minuterie = null;
    function verrouiller() {
      var cause = form.querySelector('input[name=cause]');
      if (cause) cause.value = 'inactivite';
      form.submit();
    }
    function relancer() {
      if (minuterie) window.clearTimeout(minuterie);
      minuterie = window.setTimeout(verrouiller, secondes * 1000);
    }
    ['pointerdown', 'keydown', 'touchstart', 'scroll'].forEach(function (t) { document.addEventListener(t, relancer, { passive: true }); });
    relancer();
  });
})();
