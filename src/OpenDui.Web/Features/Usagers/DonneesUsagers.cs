using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Usagers;

/// <summary>The record itself: identity, local identifiers, entourage, protection measures and the timeline.</summary>
internal sealed class DonneesUsagers(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Usagers";

    public IReadOnlyCollection<Type> Entites { get; } =
        [typeof(Usager), typeof(IdentifiantLocal), typeof(Contact), typeof(MesureProtection), typeof(EvenementDossier), typeof(MotNomUsager)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct)
    {
        var conserves = await db.IdentifiantsLocaux.AsNoTracking().Where(i => i.UsagerId == f.ConserveId && !i.Ancien).Select(i => i.EssmsId).ToListAsync(ct);
        var identifiants = await db.IdentifiantsLocaux.Where(i => i.UsagerId == f.FusionneId).ToListAsync(ct);
        var devenusAnciens = new JsonArray();
        foreach (var i in identifiants)
        {
            // The kept record's identifier stays the one issued; the merged one's is kept as former.
            if (!i.Ancien && conserves.Contains(i.EssmsId)) { i.Ancien = true; devenusAnciens.Add(i.Id); }
            i.UsagerId = f.ConserveId;
        }
        return new JsonObject
        {
            ["IdentifiantsLocaux"] = new JsonArray(identifiants.Select(i => JsonValue.Create(i.Id)).ToArray<JsonNode?>()),
            ["IdentifiantsDevenusAnciens"] = devenusAnciens,
            ["Contacts"] = await DonneesParUsager.DeplacerAsync<Contact, Guid>(db.Contacts, f, ct),
            ["Mesures"] = await DonneesParUsager.DeplacerAsync<MesureProtection, Guid>(db.MesuresProtection, f, ct),
            ["Chronologie"] = await DonneesParUsager.DeplacerAsync<EvenementDossier, long>(db.Chronologie, f, ct),
            // The merged record's names keep finding the person: its search words follow to the kept record.
            ["MotsNoms"] = await DeplacerMotsAsync(f, ct),
        };
    }

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? d, CancellationToken ct)
    {
        var anciens = d?["IdentifiantsDevenusAnciens"]?.AsArray().Select(n => n!.GetValue<Guid>()).ToHashSet() ?? [];
        foreach (var i in await DonneesParUsager.RendreAsync<IdentifiantLocal, Guid>(db.IdentifiantsLocaux, f, d?["IdentifiantsLocaux"], ct))
            if (anciens.Contains(i.Id)) i.Ancien = false;
        await DonneesParUsager.RendreAsync<Contact, Guid>(db.Contacts, f, d?["Contacts"], ct);
        await DonneesParUsager.RendreAsync<MesureProtection, Guid>(db.MesuresProtection, f, d?["Mesures"], ct);
        await DonneesParUsager.RendreAsync<EvenementDossier, long>(db.Chronologie, f, d?["Chronologie"], ct);
        // Each word goes back to the record whose names gave it (merges recorded before the words existed included).
        foreach (var m in await db.MotsNomsUsagers.Where(m => m.UsagerOrigineId == f.FusionneId && m.UsagerId != f.FusionneId).ToListAsync(ct))
            m.UsagerId = f.FusionneId;
    }

    private async Task<JsonNode> DeplacerMotsAsync(FusionDossiers f, CancellationToken ct)
    {
        var mots = await db.MotsNomsUsagers.Where(m => m.UsagerId == f.FusionneId).ToListAsync(ct);
        foreach (var m in mots) m.UsagerId = f.ConserveId;
        return mots.Count;
    }

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var u = await db.Usagers.AsNoTracking().SingleAsync(x => x.Id == usagerId, ct);
        // The person is told the INS the DUI holds about them, whatever its trust level; the folded search keys are internal.
        var identite = DonneesParUsager.Colonnes(db, [u], nameof(Usager.NomRecherche), nameof(Usager.NomUtiliseRecherche), nameof(Usager.FusionneDansId));
        var identifiants = await db.IdentifiantsLocaux.AsNoTracking().Where(i => i.UsagerId == usagerId)
            .Select(i => new { i.Valeur, Essms = i.Essms!.Nom, Finess = i.Essms.FinessEt, i.Ancien }).ToListAsync(ct);
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.UsagerId == usagerId).OrderBy(c => c.Nom).ToListAsync(ct);
        var mesures = await db.MesuresProtection.AsNoTracking().Where(m => m.UsagerId == usagerId).OrderBy(m => m.DateDebut).ToListAsync(ct);
        var chronologie = await db.Chronologie.AsNoTracking().Where(e => e.UsagerId == usagerId).OrderBy(e => e.Id).ToListAsync(ct);
        return
        [
            new SectionDonnees("Identité", identite),
            new SectionDonnees("Identifiants dans les établissements", identifiants
                .Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["Identifiant"] = Tddui.IdentifiantUsager(i.Finess, i.Valeur), ["Etablissement"] = i.Essms, ["Ancien"] = i.Ancien,
                }).ToList()),
            new SectionDonnees("Entourage", DonneesParUsager.Colonnes(db, contacts, nameof(Contact.Id))),
            new SectionDonnees("Mesures de protection", DonneesParUsager.Colonnes(db, mesures, nameof(MesureProtection.Id))),
            new SectionDonnees("Chronologie du dossier", DonneesParUsager.Colonnes(db, chronologie, nameof(EvenementDossier.Id), nameof(EvenementDossier.AuteurId), nameof(EvenementDossier.EssmsId), ConfigurationEvenementDossierPostgres.Recherche)),
        ];
    }
}
