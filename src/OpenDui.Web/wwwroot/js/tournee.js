// The round's "Autre…" (Medicaments/Tournee): the other outcomes of a dose (refused, not given, held, absent) and their reason
// are one template per page (<template id="mar-autres-modele">), copied into the dose's form when its "Autre…" is tapped,
// and hidden or shown again by the next taps. The form then posts as if they had been written in it (hors-ligne.js sends
// the button tapped). Without script the link opens the page with that dose's panel written out. No framework.
(function () {
  'use strict';
  document.addEventListener('click', function (ev) {
    var lien = ev.target.closest ? ev.target.closest('a[data-autre]') : null;
    var modele = document.getElementById('mar-autres-modele');
    if (!lien || !modele) return;
    var form = lien.closest('form');
    if (!form) return;
    ev.preventDefault();
    var panneau = form.querySelector('.mar-autres');
    if (panneau) {
      panneau.hidden = !panneau.hidden;
      lien.setAttribute('aria-expanded', String(!panneau.hidden));
      return;
    }
    var copie = modele.content.cloneNode(true);
    var id = 'motif-' + (form.getAttribute('data-hors-ligne-cible') || '').replace('#', '');
    copie.querySelector('label').setAttribute('for', id);
    copie.querySelector('input').id = id;
    lien.parentNode.insertBefore(copie, lien.nextSibling);
    lien.setAttribute('aria-expanded', 'true');
    document.getElementById(id).focus();
  });
})();
