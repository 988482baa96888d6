// The drug picker of the prescription forms (/Medicaments/Prescrire, /Medicaments/Transcrire): a tap on a result of
// /Medicaments/Recherche (swapped in by htmx) fills the hidden Cis or CodeSubstance field and shows the choice.
(function () {
    if (window.openDuiPrescription) return;
    window.openDuiPrescription = true;
    function champ(id) { return document.getElementById(id); }
    document.addEventListener('click', function (e) {
        var b = e.target.closest('button.medicament-choix');
        if (!b || !champ('F_Cis')) return;
        e.preventDefault();
        champ('F_Cis').value = b.dataset.cis || '';
        champ('F_CodeSubstance').value = b.dataset.codeSubstance || '';
        champ('F_Libelle').value = b.dataset.libelle || '';
        var choisi = champ('medicament-choisi');
        choisi.textContent = 'Choisi : ';
        var nom = document.createElement('strong');
        nom.textContent = b.dataset.libelle || '';
        choisi.appendChild(nom);
        // The warnings were about the previous choice: they go with it, and the button says what it does again.
        document.querySelectorAll('.alertes-prescription').forEach(function (a) { a.remove(); });
        document.querySelectorAll('button[data-libelle]').forEach(function (s) { s.textContent = s.dataset.libelle; });
        var resultats = champ('medicaments-resultats');
        if (resultats) resultats.replaceChildren();
        var dose = champ('F_Dose');
        if (dose) dose.focus();
    });
    // Enter in the search field searches; it must not send the prescription.
    document.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' && e.target.id === 'q' && champ('F_Cis')) e.preventDefault();
    });
})();
