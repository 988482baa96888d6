// The direction's dashboard: draws each indicator's chart from its data table (progressive enhancement: without this
// script, or without Chart.js, the tables are the page). The table stays the accessible and printable version.
(() => {
    "use strict";
    if (!window.Chart) return;
    const couleurs = ["#1f4e8c", "#b45f06", "#2b7a3d", "#a4161a", "#6b4c9a", "#0f7c8c", "#5b6470", "#c2185b"];
    const nombre = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
    const graphiques = [];

    const lire = (table) => {
        const entetes = [...table.tHead.rows[0].cells].slice(1);
        const series = entetes.map((th) => ({ nom: th.textContent.trim(), unite: th.dataset.unite || "", valeurs: [] }));
        const etiquettes = [];
        for (const tr of table.tBodies[0].rows) {
            etiquettes.push(tr.cells[0].textContent.trim());
            [...tr.cells].slice(1).forEach((td, i) => {
                const v = td.dataset.valeur;
                series[i].valeurs.push(v === undefined || v === "" ? null : Number(v));
            });
        }
        return { etiquettes, series };
    };

    const libelle = (v, unite) => (v === null || v === undefined ? "—" : nombre.format(v) + (unite ? "\u202f" + unite : ""));

    const configuration = (genre, unite, { etiquettes, series }) => {
        const animation = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        const infobulle = { callbacks: { label: (c) => `${c.dataset.label || c.label} : ${libelle(c.raw, c.dataset.unite)}` } };
        if (genre === "Anneau") {
            return {
                type: "doughnut",
                data: { labels: etiquettes, datasets: series.map((s) => ({ label: s.nom, unite: s.unite, data: s.valeurs, backgroundColor: etiquettes.map((_, i) => couleurs[i % couleurs.length]) })) },
                options: { animation, maintainAspectRatio: false, plugins: { legend: { position: "right" }, tooltip: infobulle } },
            };
        }
        const empile = genre === "BarresEmpilees";
        const courbe = genre === "Courbe";
        // A series in another unit than the indicator's (a rate beside counts) is a line against a second axis.
        const secondaire = (s) => s.unite !== unite;
        const avecSecondAxe = series.some(secondaire) && series.some((s) => !secondaire(s));
        const datasets = series.map((s, i) => {
            const autre = avecSecondAxe && secondaire(s);
            return {
                label: s.unite && s.unite !== unite ? `${s.nom} (${s.unite})` : s.nom,
                unite: s.unite,
                data: s.valeurs,
                type: courbe || autre ? "line" : "bar",
                yAxisID: autre ? "y2" : "y",
                backgroundColor: couleurs[i % couleurs.length],
                borderColor: couleurs[i % couleurs.length],
                pointRadius: 4,
                order: autre ? 0 : 1,
                spanGaps: false,
                ...(empile && !autre ? { stack: "pile" } : {}),
            };
        });
        const axe = (u) => ({ beginAtZero: true, ticks: { callback: (v) => libelle(v, u), precision: 0 } });
        const scales = { x: { stacked: empile }, y: { ...axe(unite), stacked: empile } };
        if (avecSecondAxe) {
            const u2 = series.find(secondaire).unite;
            scales.y2 = { ...axe(u2), position: "right", grid: { drawOnChartArea: false }, ...(u2 === "%" ? { suggestedMax: 100 } : {}) };
        } else if (unite === "%") scales.y.suggestedMax = 100;
        return {
            type: courbe ? "line" : "bar",
            data: { labels: etiquettes, datasets },
            options: { animation, maintainAspectRatio: false, interaction: { mode: "index", intersect: false }, scales, plugins: { legend: { position: "bottom" }, tooltip: infobulle } },
        };
    };

    for (const figure of document.querySelectorAll("figure[data-graphique]")) {
        const table = figure.querySelector("table.donnees");
        const cadre = figure.querySelector(".graphique");
        if (!table || !cadre || !table.tBodies[0] || table.tBodies[0].rows.length === 0) continue;
        cadre.hidden = false;
        graphiques.push(new Chart(cadre.querySelector("canvas"), configuration(figure.dataset.graphique, figure.dataset.unite || "", lire(table))));
    }

    // Printing: the charts take the width of the paper, then get back the screen's.
    const redimensionner = () => graphiques.forEach((g) => g.resize());
    window.addEventListener("beforeprint", redimensionner);
    window.addEventListener("afterprint", redimensionner);
})();
