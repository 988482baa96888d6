// Print button of printable pages (no inline script: the CSP forbids it).
document.addEventListener("click", (e) => { if (e.target.closest("[data-imprimer]")) window.print(); });
