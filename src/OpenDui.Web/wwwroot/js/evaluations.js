// Évaluations: draws each chart from the data table beside it (the table stays for reading, printing and screen readers).
// No inline script: the CSP forbids it.
document.addEventListener("DOMContentLoaded", () => {
    if (typeof Chart === "undefined") return;
    for (const canvas of document.querySelectorAll("canvas[data-graphique-de]")) {
        const table = document.getElementById(canvas.dataset.graphiqueDe);
        if (!table) continue;
        const lignes = [...table.querySelectorAll("tbody tr")];
        const etiquettes = lignes.map(l => l.cells[0].textContent.trim());
        const valeurs = lignes.map(l => Number(l.querySelector("[data-valeur]").dataset.valeur));
        new Chart(canvas, {
            type: "line",
            data: { labels: etiquettes, datasets: [{ label: "GIR", data: valeurs, stepped: true, borderColor: "#1f5fa8", backgroundColor: "#1f5fa8", pointRadius: 5 }] },
            options: {
                responsive: true, maintainAspectRatio: false, animation: false,
                scales: { y: { min: 1, max: 6, reverse: true, ticks: { stepSize: 1 }, title: { display: true, text: "GIR (1 : le plus dépendant)" } } },
                plugins: { legend: { display: false } },
            },
        });
    }
});
