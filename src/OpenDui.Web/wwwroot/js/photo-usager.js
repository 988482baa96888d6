// Fills every <div class="photo-usager" data-usager="{id}"> placeholder with the person's identification photo
// (GET /Usagers/{id}/Photo, within the reader's perimeter, traced); without a photo the placeholder is marked
// "sans-photo" and stays empty. Placeholders swapped in later by htmx are filled too.
(function () {
    if (window.openDuiPhotoUsager) return;
    window.openDuiPhotoUsager = true;
    function remplir(racine) {
        racine.querySelectorAll('.photo-usager[data-usager]:not([data-rempli])').forEach(function (d) {
            d.setAttribute('data-rempli', '');
            var img = document.createElement('img');
            img.alt = 'Photo d\'identification de la personne';
            img.addEventListener('error', function () { img.remove(); d.classList.add('sans-photo'); });
            img.src = '/Usagers/' + encodeURIComponent(d.dataset.usager) + '/Photo';
            d.appendChild(img);
        });
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { remplir(document); });
    else remplir(document);
    document.addEventListener('htmx:afterSwap', function (e) { remplir(e.target); });
})();
