// Offline queue of the tablet contract (docs: PREAMBULE "Tablet contract"; README "Poste partagé").
// A <form method="post" data-hors-ligne> is not submitted by the browser: its fields (with the hidden CleIdempotence
// rendered by the server, and Le filled here with the device's instant) are first kept in localStorage with the signer
// (<body data-signataire>), then sent with fetch (FormData, same action, headers X-Hors-Ligne: 1 and X-Signataire).
// The answer is an HTML fragment that replaces the element named by data-hors-ligne-cible (default: the form), also for a
// conflict (409) or a refusal (400/422); the item then leaves the queue. Without network the item waits, shown
// "enregistré sur la tablette, envoi au retour du réseau" with a counter, and the queue is replayed in order, each item
// once per pass, when the browser is online again (and at each page load). A 401/403 leaves the item flagged "à signer"
// until its signer holds the tablet again. A form with a file is sent at once (a file is not kept on the device).
// No framework.
(function () {
  'use strict';
  var CLE = 'opendui.hors-ligne.file';
  var enCours = false;

  function stockage() {
    try { var t = '__t'; localStorage.setItem(t, t); localStorage.removeItem(t); return localStorage; } catch (e) { return null; }
  }
  function lire() {
    var s = stockage(); if (!s) return [];
    try { return JSON.parse(s.getItem(CLE) || '[]'); } catch (e) { return []; }
  }
  function ecrire(file) { var s = stockage(); if (s) s.setItem(CLE, JSON.stringify(file)); }
  function modifier(id, f) {
    var file = lire();
    file.forEach(function (i) { if (i.id === id) f(i); });
    ecrire(file.filter(function (i) { return !i.retire; }));
  }
  function identifiant() {
    return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
  }

  function texteEtat(i) {
    if (i.etat === 'envoi') return 'envoi en cours…';
    if (i.etat === 'a-signer') return 'à signer : ' + (i.message || "son auteur doit reprendre la tablette pour l'envoyer");
    if (i.etat === 'erreur') return 'non envoyé : ' + (i.message || 'erreur du serveur, nouvel essai plus tard');
    return 'enregistré sur la tablette, envoi au retour du réseau';
  }

  // The counter and the list of waiting records, at the bottom of every page.
  function afficher() {
    var file = lire();
    var boite = document.getElementById('hors-ligne-etat');
    if (!boite) {
      boite = document.createElement('section');
      boite.id = 'hors-ligne-etat';
      boite.className = 'hors-ligne-etat';
      boite.setAttribute('aria-live', 'polite');
      boite.setAttribute('aria-label', 'Enregistrements en attente');
      document.body.appendChild(boite);
    }
    boite.hidden = file.length === 0;
    boite.textContent = '';
    if (file.length === 0) return;
    var titre = document.createElement('p');
    titre.className = 'hors-ligne-compteur';
    titre.textContent = file.length === 1 ? '1 enregistrement en attente d\'envoi' : file.length + ' enregistrements en attente d\'envoi';
    boite.appendChild(titre);
    var liste = document.createElement('ul');
    file.forEach(function (i) {
      var li = document.createElement('li');
      li.className = 'hors-ligne-' + i.etat;
      li.setAttribute('data-cle', i.id);
      li.textContent = (i.libelle || 'Enregistrement') + ' — ' + texteEtat(i);
      liste.appendChild(li);
      marquer(i);
    });
    boite.appendChild(liste);
  }

  // The record's place on the page says it waits (also after a reload).
  function marquer(i) {
    var cible = i.cible ? document.querySelector(i.cible) : null;
    if (!cible) return;
    cible.classList.add('hors-ligne-attente');
    var note = cible.querySelector('.hors-ligne-note');
    if (!note) {
      note = document.createElement('p');
      note.className = 'hors-ligne-note';
      note.setAttribute('role', 'note');
      cible.appendChild(note);
    }
    note.textContent = (i.choix ? i.choix + ' : ' : '') + texteEtat(i);
    Array.prototype.forEach.call(cible.querySelectorAll('button'), function (b) { b.disabled = true; });
  }

  function remplacer(selecteur, html) {
    var cible = selecteur ? document.querySelector(selecteur) : null;
    if (!cible || !html) return;
    var modele = document.createElement('template');
    modele.innerHTML = html.trim();
    cible.replaceWith(modele.content);
  }

  function corps(champs) {
    var fd = new FormData();
    champs.forEach(function (c) { fd.append(c[0], c[1]); });
    return fd;
  }

  function entetes(signataire) {
    var h = { 'X-Hors-Ligne': '1' };
    if (signataire) h['X-Signataire'] = signataire;
    return h;
  }

  // Sends one item; true: go on with the next one, false: the network is down, stop the pass.
  function envoyer(i) {
    modifier(i.id, function (x) { x.etat = 'envoi'; });
    afficher();
    return fetch(i.url, { method: 'POST', body: corps(i.champs), headers: entetes(i.signataire), credentials: 'same-origin' })
      .then(function (r) {
        return r.text().then(function (html) {
          if (r.status === 401 || r.status === 403 || r.redirected) {
            var message = null;
            try { message = JSON.parse(html).title; } catch (e) { /* a page, not a problem */ }
            modifier(i.id, function (x) { x.etat = 'a-signer'; x.message = message; });
          } else if (r.ok || r.status === 409 || r.status === 400 || r.status === 422) {
            remplacer(i.cible, html);
            modifier(i.id, function (x) { x.retire = true; });
          } else if (r.status === 404) {
            modifier(i.id, function (x) { x.retire = true; });
            window.alert('Un enregistrement n\'a pas pu être envoyé : la personne ou l\'acte est introuvable (' + (i.libelle || '') + ').');
          } else {
            modifier(i.id, function (x) { x.etat = 'erreur'; x.message = null; });
          }
          afficher();
          return r.status < 500;
        });
      }, function () {
        modifier(i.id, function (x) { x.etat = 'attente'; });
        afficher();
        return false;
      });
  }

  // One pass over the queue, in order: each item sent at most once per pass.
  function vider() {
    if (enCours || !navigator.onLine) return Promise.resolve();
    enCours = true;
    var ids = lire().map(function (i) { return i.id; });
    var suite = Promise.resolve(true);
    ids.forEach(function (id) {
      suite = suite.then(function (continuer) {
        if (!continuer) return false;
        var i = lire().filter(function (x) { return x.id === id; })[0];
        return i ? envoyer(i) : true;
      });
    });
    return suite.then(function (continuer) {
      enCours = false;
      afficher();
      // Records made during this pass are sent by the next one.
      if (continuer !== false && lire().some(function (i) { return i.etat === 'attente' && ids.indexOf(i.id) < 0; })) return vider();
    }, function () { enCours = false; afficher(); });
  }

  function envoyerFichier(form, fd) {
    var cible = form.getAttribute('data-hors-ligne-cible') || (form.id ? '#' + form.id : null);
    fetch(form.action, { method: 'POST', body: fd, headers: entetes(document.body.getAttribute('data-signataire')), credentials: 'same-origin' })
      .then(function (r) { return r.text().then(function (html) { if (cible) remplacer(cible, html); else form.outerHTML = html; }); },
        function () { window.alert('Pas de réseau : un envoi avec un fichier ne peut pas attendre sur la tablette. Recommencez au retour du réseau.'); });
  }

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-hors-ligne')) return;
    ev.preventDefault();
    var le = form.querySelector('input[name="Le"]');
    if (le) le.value = new Date().toISOString();
    var fd = ev.submitter ? new FormData(form, ev.submitter) : new FormData(form);
    var champs = [];
    var fichier = false;
    fd.forEach(function (v, k) { if (typeof v === 'string') champs.push([k, v]); else if (v && v.size > 0) fichier = true; });
    if (fichier) { envoyerFichier(form, fd); return; }
    if (!form.id && !form.getAttribute('data-hors-ligne-cible')) form.id = 'hl-' + identifiant();
    var item = {
      id: identifiant(),
      url: form.action,
      champs: champs,
      signataire: document.body.getAttribute('data-signataire') || '',
      cible: form.getAttribute('data-hors-ligne-cible') || '#' + form.id,
      libelle: form.getAttribute('data-hors-ligne-libelle') || document.title,
      choix: ev.submitter ? (ev.submitter.textContent || '').trim() : '',
      etat: 'attente',
      le: le ? le.value : new Date().toISOString()
    };
    if (item.choix) item.libelle += ' : ' + item.choix;
    var file = lire();
    file.push(item);
    ecrire(file);
    afficher();
    vider();
  });

  window.addEventListener('online', function () { vider(); });
  document.addEventListener('DOMContentLoaded', function () { afficher(); vider(); });
  // A Wi-Fi that says "online" but drops requests: try again now and then while something waits.
  window.setInterval(function () { if (lire().some(function (i) { return i.etat !== 'a-signer'; })) vider(); }, 30000);
  window.OpenDuiHorsLigne = { vider: vider, file: lire };
})();
