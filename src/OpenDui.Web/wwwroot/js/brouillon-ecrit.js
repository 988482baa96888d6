// Écrits: the draft of the writing form survives a Wi-Fi drop or a reload.
// Saved in this device's localStorage as it is typed, keyed by the person and a draft id; the idempotency key is
// generated once per draft and kept with it, so sending a restored draft again returns the first écrit (no duplicate).
// Restored on reload with a visible notice; cleared once the server has saved the écrit. No framework.
(function () {
  'use strict';
  var PREFIXE = 'opendui.ecrit.brouillon.';

  function stockage() {
    try { var t = '__t'; localStorage.setItem(t, t); localStorage.removeItem(t); return localStorage; } catch (e) { return null; }
  }

  function champs(form) {
    return Array.prototype.filter.call(form.elements, function (c) {
      return c.name && c.name.indexOf('Ecrit.') === 0 && c.name !== 'Ecrit.CleIdempotence' && c.type !== 'submit' && c.type !== 'button';
    });
  }

  function lire(form) {
    var valeurs = {};
    champs(form).forEach(function (c) { valeurs[c.name] = c.type === 'checkbox' ? c.checked : c.value; });
    return valeurs;
  }

  function remplir(form, valeurs) {
    champs(form).forEach(function (c) {
      if (!(c.name in valeurs)) return;
      if (c.type === 'checkbox') c.checked = !!valeurs[c.name]; else c.value = valeurs[c.name];
    });
  }

  function vide(valeurs) {
    return Object.keys(valeurs).every(function (k) {
      var v = valeurs[k];
      return v === false || v === '' || k === 'Ecrit.Type' || k === 'Ecrit.Cercle' || k === 'Ecrit.EssmsId';
    });
  }

  function initialiser(form) {
    var ls = stockage();
    if (!ls) return;
    var usager = form.getAttribute('data-brouillon');
    var index = PREFIXE + usager; // the current draft's id for this person
    var champCle = form.querySelector('[name="Ecrit.CleIdempotence"]');
    var avis = form.querySelector('.brouillon-restaure');
    var horsLigne = form.querySelector('.brouillon-hors-ligne');
    var id = ls.getItem(index);
    var brouillon = null;
    try { brouillon = id ? JSON.parse(ls.getItem(index + '.' + id)) : null; } catch (e) { brouillon = null; }

    if (brouillon && form.getAttribute('data-erreurs') !== 'oui') {
      // A reload or a return after a lost connection: the typed fields and their key come back.
      remplir(form, brouillon.champs || {});
      if (brouillon.cle) champCle.value = brouillon.cle;
      if (avis && !vide(brouillon.champs || {})) avis.hidden = false;
    } else if (brouillon && brouillon.cle) {
      // The server shows the form again with its errors: its fields are the latest, the draft's key is kept.
      champCle.value = brouillon.cle;
    } else {
      id = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
      ls.setItem(index, id);
      brouillon = { cle: champCle.value, champs: {} };
    }

    function enregistrer() {
      brouillon.champs = lire(form);
      brouillon.cle = champCle.value;
      brouillon.modifie = new Date().toISOString();
      try { ls.setItem(index + '.' + id, JSON.stringify(brouillon)); } catch (e) { /* storage full: the form still works */ }
    }

    function effacer() {
      ls.removeItem(index + '.' + id);
      ls.removeItem(index);
    }

    form.addEventListener('input', enregistrer);
    form.addEventListener('change', enregistrer);
    enregistrer();

    var bouton = form.querySelector('[data-effacer-brouillon]');
    if (bouton) bouton.addEventListener('click', function () {
      effacer();
      window.location.reload();
    });

    // Sent with fetch so that the draft is cleared only once the server has saved the écrit (it then answers with the
    // record's address, opened here so that its "écrit enregistré" message is seen), and kept with a clear message
    // when the network drops.
    form.addEventListener('submit', function (ev) {
      if (!window.fetch || !window.DOMParser) return;
      ev.preventDefault();
      enregistrer();
      if (horsLigne) horsLigne.hidden = true;
      fetch(form.action || window.location.href, { method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { 'X-Brouillon-Ecrit': '1' } })
        .then(function (rep) {
          var dossier = rep.ok && rep.headers.get('X-Ecrit-Enregistre');
          if (dossier) { effacer(); window.location.assign(dossier); return null; }
          return rep.text().then(function (html) {
            var doc = new DOMParser().parseFromString(html, 'text/html');
            var nouveau = doc.querySelector('form[data-brouillon]');
            if (!nouveau) { if (horsLigne) horsLigne.hidden = false; return; }
            form.replaceWith(nouveau);
            initialiser(nouveau);
            var erreur = nouveau.querySelector('.erreur, [role="alert"]');
            if (erreur && erreur.focus) erreur.focus();
          });
        })
        .catch(function () { if (horsLigne) horsLigne.hidden = false; });
    });
  }

  function demarrer() {
    var form = document.querySelector('form[data-brouillon]');
    if (form) initialiser(form);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', demarrer); else demarrer();
})();
