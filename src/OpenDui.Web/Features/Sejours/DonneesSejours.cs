using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Sejours;

/// <summary>The person's séjours: moved by a merge (never two overlapping in one ESSMS), each keeping the identifier it was issued under.</summary>
internal sealed class DonneesSejours(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Sejours";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(Sejour)];

    public async Task<string?> VerifierFusionAsync(FusionDossiers f, CancellationToken ct)
    {
        var sejours = await db.Sejours.AsNoTracking().Where(s => s.UsagerId == f.FusionneId && !s.Annule).ToListAsync(ct);
        var conserves = await db.Sejours.AsNoTracking().Include(s => s.Essms).Where(s => s.UsagerId == f.ConserveId).ToListAsync(ct);
        // Admission refuses two overlapping séjours in one ESSMS; so does the merge: the referent closes or cancels one first.
        foreach (var s in sejours)
            if (conserves.FirstOrDefault(k => k.EssmsId == s.EssmsId && k.Chevauche(s.Debut, s.Fin)) is { } k)
                return $"Les deux dossiers ont des séjours qui se chevauchent à {k.Essms!.Nom} ({Periode(k)} et {Periode(s)}) : "
                    + "clôturez ou annulez l'un des deux séjours avant de fusionner.";
        return null;
    }

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct)
    {
        var identifiants = await db.IdentifiantsLocaux.AsNoTracking().Where(i => i.UsagerId == f.FusionneId)
            .Select(i => new { i.Id, i.EssmsId, i.Ancien }).ToListAsync(ct);
        var sejours = await db.Sejours.Where(s => s.UsagerId == f.FusionneId).ToListAsync(ct);
        foreach (var s in sejours)
        {
            // A séjour keeps the identifier it was issued under, so its TDDUI identifier does not change.
            s.IdentifiantLocalId ??= identifiants.FirstOrDefault(i => i.EssmsId == s.EssmsId && !i.Ancien)?.Id;
            s.UsagerId = f.ConserveId;
        }
        // The merged record's identifiers are remembered too: undoing is refused while a séjour opened since uses one.
        return new JsonObject
        {
            ["Sejours"] = new JsonArray(sejours.Select(s => JsonValue.Create(s.Id)).ToArray<JsonNode?>()),
            ["IdentifiantsLocaux"] = new JsonArray(identifiants.Select(i => JsonValue.Create(i.Id)).ToArray<JsonNode?>()),
        };
    }

    public async Task<string?> VerifierAnnulationAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct)
    {
        var sejours = Ids(deplaces?["Sejours"]);
        var identifiantsRendus = Ids(deplaces?["IdentifiantsLocaux"]);
        // A séjour opened since the merge under an identifier that goes back would be left without one.
        return await db.Sejours.AnyAsync(s => s.IdentifiantLocalId != null
                && identifiantsRendus.Contains(s.IdentifiantLocalId.Value) && !sejours.Contains(s.Id), ct)
            ? "Un séjour a été ouvert depuis la fusion sous un identifiant local repris du doublon : clôturez ou annulez ce séjour, ou gardez la fusion."
            : null;
    }

    public Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct) =>
        DonneesParUsager.RendreAsync<Sejour, Guid>(db.Sejours, f, deplaces?["Sejours"], ct);

    private static List<Guid> Ids(JsonNode? n) => n?.AsArray().Select(x => x!.GetValue<Guid>()).ToList() ?? [];

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var sejours = await db.Sejours.AsNoTracking().Where(s => s.UsagerId == usagerId)
            .OrderBy(s => s.DateAdmissionPrevue)
            .Select(s => new { s.Numero, Essms = s.Essms!.Nom, Unite = s.Unite != null ? s.Unite.Nom : null, s.Modalite, s.Provenance,
                s.DateAdmissionPrevue, s.DateAdmission, s.DateSortiePrevue, s.DateSortie, s.MotifSortie, s.Annule })
            .ToListAsync(ct);
        return [new SectionDonnees("Séjours", sejours.Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Etablissement"] = s.Essms, ["Unite"] = s.Unite, ["Numero"] = s.Numero, ["Modalite"] = s.Modalite.ToString(), ["Provenance"] = s.Provenance.ToString(),
            ["DateAdmissionPrevue"] = s.DateAdmissionPrevue.ToString("yyyy-MM-dd"), ["DateAdmission"] = s.DateAdmission?.ToString("yyyy-MM-dd"),
            ["DateSortiePrevue"] = s.DateSortiePrevue?.ToString("yyyy-MM-dd"), ["DateSortie"] = s.DateSortie?.ToString("yyyy-MM-dd"),
            ["MotifSortie"] = s.MotifSortie?.ToString(), ["Annule"] = s.Annule,
        }).ToList())];
    }

    private static string Periode(Sejour s) =>
        s.Fin is { } fin ? $"du {s.Debut:dd/MM/yyyy} au {fin:dd/MM/yyyy}" : $"depuis le {s.Debut:dd/MM/yyyy}";
}
